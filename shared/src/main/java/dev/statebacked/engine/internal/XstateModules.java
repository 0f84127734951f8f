package dev.statebacked.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The modules machine code gets for {@code xstate} and its subpaths ({@code xstate/lib/utils},
 * {@code xstate/es/State.js}, ...). Each one re-exports exactly the names the xstate 4.38 package's file of that
 * path exports (listed by {@code shared/engine-js/build-xstate.sh} in {@code xstate-modules.json}), all taken from
 * the one shipped bundle, so a {@code State} from any of them is the same class. {@code spawn} is the runtime's,
 * which records the request so the actor starts only after the host has persisted the transition.
 */
final class XstateModules {
    static final String DIR = ModuleFileSystem.ROOT + "xstate/";
    /** What a bare {@code xstate} import is, as in the package (its main is lib/index.js). */
    static final String INDEX = DIR + "lib/index.mjs";

    private static final Pattern SUBPATH = Pattern.compile("(lib|es)/([A-Za-z0-9_.]+?)(\\.js)?");
    private static final Map<String, List<String>> EXPORTS = readManifest();

    private XstateModules() {}

    /** The virtual path of a subpath such as {@code lib/utils} or {@code es/utils.js}, if the package has it. */
    static Optional<String> pathOf(String subpath) {
        var m = SUBPATH.matcher(subpath);
        if (!m.matches()) return Optional.empty();
        String key = m.group(1) + "/" + m.group(2);
        return EXPORTS.containsKey(key) ? Optional.of(DIR + key + ".mjs") : Optional.empty();
    }

    /** Every subpath module by virtual path. */
    static Map<String, String> sources() {
        Map<String, String> out = new LinkedHashMap<>();
        EXPORTS.forEach((key, names) -> out.put(DIR + key + ".mjs", source(key, names)));
        return out;
    }

    private static String source(String key, List<String> names) {
        List<String> fromBundle = new ArrayList<>(names);
        boolean spawn = fromBundle.remove("spawn");
        StringBuilder s =
                new StringBuilder("// xstate/").append(key).append(": the names of that file of the package\n");
        if (!fromBundle.isEmpty()) {
            s.append("import { __sb_modules } from \"")
                    .append(ModuleFileSystem.ROOT)
                    .append("xstate.mjs\";\n")
                    .append("export const { ")
                    .append(String.join(", ", fromBundle))
                    .append(" } = __sb_modules[\"")
                    .append(key)
                    .append("\"];\n");
        }
        if (spawn)
            s.append("export { spawn } from \"").append(ModuleFileSystem.ROOT).append("runtime.mjs\";\n");
        if (names.isEmpty()) s.append("export {};\n");
        return s.toString();
    }

    private static Map<String, List<String>> readManifest() {
        JsonNode json = Json.parse(JsPlatform.resource("xstate-modules.json"));
        Map<String, List<String>> out = new LinkedHashMap<>();
        json.properties().forEach(e -> {
            List<String> names = new ArrayList<>();
            e.getValue().forEach(n -> names.add(n.asText()));
            out.put(e.getKey(), List.copyOf(names));
        });
        return Map.copyOf(out);
    }
}
