package dev.statebacked.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Machine bundles used across tests (src/test/resources/machines). */
public final class MachineFixtures {
    private MachineFixtures() {}

    public static String toggler() {
        return resource("toggler.js");
    }

    public static String resource(String name) {
        try (InputStream in = MachineFixtures.class.getResourceAsStream("/machines/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture machines/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
