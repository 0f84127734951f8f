package dev.statebacked.api;

/** The route table of the HTTP API (api-contract.md). */
public final class ApiRoutes {
    private ApiRoutes() {
    }

    public static Router create(HealthOperation health) {
        return Router.builder()
                .route("GET", "/health", health)
                .build();
    }
}
