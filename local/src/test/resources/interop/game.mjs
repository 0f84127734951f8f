// Two players play tic-tac-toe to a win through the official client; prints one "ok <step>" line per check.
import { StateBackedClient, errors } from "@statebacked/client";
import { signToken } from "@statebacked/token";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { check, rejects } from "./checks.mjs";

const { API_URL, KEY_ID, SECRET, MACHINE, BUNDLE } = process.env;
const clientFor = async (sub) => new StateBackedClient(await signToken(
  { stateBackedKeyId: KEY_ID, stateBackedSecretKey: SECRET }, { sub }, { expires: { in: "10m" } }), { apiHost: API_URL });
const sha256 = (text) => createHash("sha256").update(text).digest("hex");

const admin = await clientFor("admin");
await admin.machines.create(MACHINE);
await admin.machineVersions.create(MACHINE, { clientInfo: "game", code: await readFile(BUNDLE, "utf8"), makeCurrent: true });

const alice = await clientFor("alice");
const bob = await clientFor("bob");
const game = "game-1";

await rejects("only player 1 may create their game",
  bob.machineInstances.create(MACHINE, { slug: game, context: { player1Id: "alice" } }), errors.RejectedByMachineAuthorizerError);
const created = await alice.machineInstances.create(MACHINE, { slug: game, context: { player1Id: "alice" } });
check("created with the machine's own board beside the given id", created.state === "waitingForPlayer2"
  && created.publicContext?.board?.length === 9 && created.publicContext?.turn === "X", created);
check("player 1's id hashed by crypto.subtle while the creation settled", created.publicContext.hashes[0] === sha256("alice"), created);

const joined = await bob.machineInstances.sendEvent(MACHINE, game, { event: { type: "join", playerId: "bob" } });
check("player 2 joins and is hashed", joined.state === "playing" && joined.publicContext.hashes[1] === sha256("bob"), joined);

await rejects("a move out of turn is refused by allowWrite",
  bob.machineInstances.sendEvent(MACHINE, game, { event: { type: "move", index: 4 } }), errors.RejectedByMachineAuthorizerError);

let last;
for (const [player, index] of [[alice, 0], [bob, 3], [alice, 1], [bob, 4], [alice, 2]]) {
  last = await player.machineInstances.sendEvent(MACHINE, game, { event: { type: "move", index } });
}
check("X wins on the top row", last.state === "won" && last.done === true && last.publicContext.winner === "X"
  && last.publicContext.board.slice(0, 3).join("") === "XXX", last);

const read = await bob.machineInstances.get(MACHINE, game);
check("the loser reads the final board", read.done === true && read.publicContext.winner === "X", read);
await rejects("a stranger may not read a game with two players",
  (await clientFor("mallory")).machineInstances.get(MACHINE, game), errors.RejectedByMachineAuthorizerError);
const history = await alice.machineInstances.listTransitions(MACHINE, game);
check("the history holds the whole game", history.transitions.filter((t) => t.event.type === "move").length === 5, history);
console.log("game done");
