// Tic-tac-toe as a State Backed app writes it: created by player 1 with only their id (the board comes from the
// machine's own context), player ids hashed with crypto.subtle in an invoked promise, moves guarded by turn in
// allowWrite. Bundled the way smply bundles it.
import { createMachine, assign } from "xstate";

const LINES = [[0, 1, 2], [3, 4, 5], [6, 7, 8], [0, 3, 6], [1, 4, 7], [2, 5, 8], [0, 4, 8], [2, 4, 6]];

async function sha256(text) {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

const winnerOf = (board) => {
  const line = LINES.find(([a, b, c]) => board[a] && board[a] === board[b] && board[a] === board[c]);
  return line ? board[line[0]] : null;
};

export const allowRead = ({ authContext, context }) =>
  authContext.sub === context.player1Id || authContext.sub === context.player2Id || !context.player2Id;

export const allowWrite = ({ type, authContext, context, event }) => {
  if (type === "initialization") return context.player1Id === authContext.sub;
  if (event.type === "join") return !context.player2Id && event.playerId === authContext.sub && authContext.sub !== context.player1Id;
  if (event.type === "move") return authContext.sub === (context.public.turn === "X" ? context.player1Id : context.player2Id);
  return false;
};

export default createMachine({
  id: "tic-tac-toe",
  predictableActionArguments: true,
  initial: "hashingPlayer1",
  context: { player1Id: null, player2Id: null, public: { board: [null, null, null, null, null, null, null, null, null], turn: "X", winner: null, hashes: [] } },
  states: {
    hashingPlayer1: {
      invoke: {
        src: (context) => sha256(context.player1Id),
        onDone: { target: "waitingForPlayer2", actions: assign({ public: (context, event) => ({ ...context.public, hashes: [event.data] }) }) },
      },
    },
    waitingForPlayer2: {
      on: { join: { target: "hashingPlayer2", actions: assign({ player2Id: (_, event) => event.playerId }) } },
    },
    hashingPlayer2: {
      invoke: {
        src: (context) => sha256(context.player2Id),
        onDone: { target: "playing", actions: assign({ public: (context, event) => ({ ...context.public, hashes: [...context.public.hashes, event.data] }) }) },
      },
    },
    playing: {
      always: { target: "won", cond: (context) => context.public.winner !== null },
      on: {
        move: {
          cond: (context, event) => Number.isInteger(event.index) && context.public.board[event.index] === null,
          actions: assign({
            public: (context, event) => {
              const board = context.public.board.map((cell, i) => (i === event.index ? context.public.turn : cell));
              return { ...context.public, board, turn: context.public.turn === "X" ? "O" : "X", winner: winnerOf(board) };
            },
          }),
        },
      },
    },
    won: { type: "final" },
  },
});
