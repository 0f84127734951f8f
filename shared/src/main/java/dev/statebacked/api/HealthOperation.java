package dev.statebacked.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** {@code GET /health}: the build's version and whether each backing service answers. No auth. */
public final class HealthOperation implements Operation {
    private final List<ServiceProbe> probes;
    private final String version;

    public HealthOperation(List<ServiceProbe> probes) {
        this.probes = List.copyOf(probes);
        this.version = buildVersion();
    }

    @Override
    public ApiResponse handle(ApiRequest request, Map<String, String> pathParameters) {
        Map<String, Object> services = new LinkedHashMap<>();
        boolean healthy = true;
        for (ServiceProbe probe : probes) {
            try {
                probe.check().run();
                services.put(probe.name(), Map.of("status", "ok"));
            } catch (RuntimeException e) {
                healthy = false;
                services.put(probe.name(), Map.of("status", "unavailable", "error", String.valueOf(e.getMessage())));
            }
        }
        return ApiResponse.json(
                healthy ? 200 : 503,
                Map.of("status", healthy ? "ok" : "degraded", "version", version, "services", services));
    }

    private static String buildVersion() {
        try (InputStream in = HealthOperation.class.getResourceAsStream("/dev/statebacked/version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
