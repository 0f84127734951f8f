package dev.statebacked.api;

import dev.statebacked.auth.Scope;
import dev.statebacked.versions.CodeUploads;

/** The route table of the HTTP API (api-contract.md): each route, the scope it needs and its operation. */
public final class ApiRoutes {
    private ApiRoutes() {}

    public record Operations(
            HealthOperation health,
            KeyOperations keys,
            OrgOperations orgs,
            IdentityOperations identity,
            TokenOperations tokens,
            MachineOperations machines,
            VersionOperations versions,
            MigrationOperations migrations,
            InstanceOperations instances,
            IndexOperations indexes,
            HttpApiOperations httpApi,
            LogOperations logs) {}

    public static Router create(Authenticator authenticator, Operations ops) {
        Secured secured = new Secured(authenticator);
        return Router.builder()
                .maxBodyBytes(11 * 1024 * 1024)
                .route("GET", "/health", ops.health())
                .route("GET", "/orgs", secured.with(Scope.ORG_READ, ops.orgs()::list))
                .route("POST", "/orgs", secured.with(Scope.ORG_WRITE, ops.orgs()::create))
                .route("GET", "/idps", secured.with(Scope.TOKENS_ADMIN, ops.identity()::listIdentityProviders))
                .route("POST", "/idps", secured.with(Scope.TOKENS_ADMIN, ops.identity()::upsertIdentityProvider))
                .route("DELETE", "/idps", secured.with(Scope.TOKENS_ADMIN, ops.identity()::deleteIdentityProvider))
                .route("GET", "/token-providers", secured.with(Scope.TOKENS_ADMIN, ops.identity()::listTokenProviders))
                .route(
                        "POST",
                        "/token-providers",
                        secured.with(Scope.TOKENS_ADMIN, ops.identity()::upsertTokenProvider))
                .route(
                        "DELETE",
                        "/token-providers/{service}",
                        secured.with(Scope.TOKENS_ADMIN, ops.identity()::deleteTokenProvider))
                .route("POST", "/tokens", ops.tokens()::exchange)
                .route("GET", "/keys", secured.with(Scope.ORG_READ, ops.keys()::list))
                .route("POST", "/keys", secured.with(Scope.ORG_KEYS_WRITE, ops.keys()::create))
                .route("DELETE", "/keys/{keyId}", secured.with(Scope.ORG_KEYS_WRITE, ops.keys()::delete))
                .route("GET", "/machines", secured.with(Scope.MACHINES_READ, ops.machines()::list))
                .route("POST", "/machines", secured.with(Scope.MACHINES_WRITE, ops.machines()::create))
                .route("GET", "/machines/{machineName}", secured.with(Scope.MACHINES_READ, ops.machines()::get))
                .route("DELETE", "/machines/{machineName}", secured.with(Scope.MACHINES_ADMIN, ops.machines()::delete))
                .route(
                        "GET",
                        "/machines/{machineName}/v",
                        secured.with(Scope.MACHINE_VERSIONS_READ, ops.versions()::list))
                .route(
                        "POST",
                        "/machines/{machineName}/v",
                        secured.with(Scope.MACHINE_VERSIONS_WRITE, ops.versions()::reserve))
                .route(
                        "PUT",
                        "/machines/{machineName}/v/{signedVersionId}",
                        secured.with(Scope.MACHINE_VERSIONS_WRITE, ops.versions()::finalize))
                .route(
                        "POST",
                        "/machines/{machineName}/migrations",
                        secured.with(Scope.MACHINE_VERSIONS_WRITE, ops.migrations()::reserve))
                .route(
                        "PUT",
                        "/machines/{machineName}/migrations/{signedMigrationId}",
                        secured.with(Scope.MACHINE_VERSIONS_WRITE, ops.migrations()::finalize))
                .route("POST", CodeUploads.UPLOAD_PATH, ops.versions()::upload)
                .route("POST", "/machines/{machineName}", secured.with(Scope.INSTANCES_WRITE, ops.instances()::create))
                .route("GET", "/machines/{machineName}/i", secured.with(Scope.INSTANCES_READ, ops.instances()::list))
                .route(
                        "GET",
                        "/machines/{machineName}/i/{instanceName}",
                        secured.with(Scope.STATE_READ, ops.instances()::get))
                .route(
                        "DELETE",
                        "/machines/{machineName}/i/{instanceName}",
                        secured.with(Scope.INSTANCES_ADMIN, ops.instances()::delete))
                .route(
                        "POST",
                        "/machines/{machineName}/i/{instanceName}/events",
                        secured.with(Scope.EVENTS_WRITE, ops.instances()::sendEvent))
                .route(
                        "GET",
                        "/machines/{machineName}/i/{instanceName}/events",
                        secured.with(Scope.EVENTS_READ, ops.instances()::history))
                .route(
                        "GET",
                        "/machines/{machineName}/i/{instanceName}/admin",
                        secured.with(Scope.INSTANCES_ADMIN, ops.instances()::admin))
                .route(
                        "PUT",
                        "/machines/{machineName}/i/{instanceName}/status",
                        secured.with(Scope.INSTANCES_ADMIN, ops.instances()::setStatus))
                .route(
                        "PUT",
                        "/machines/{machineName}/i/{instanceName}/v",
                        secured.with(Scope.INSTANCES_ADMIN, ops.instances()::setDesiredVersion))
                .route(
                        "GET",
                        "/machines/{machineName}/indexes/{indexName}/query",
                        secured.with(Scope.INDEXES_READ, ops.indexes()::query))
                // no token: the version's handler authenticates the request and names the caller (its authContext)
                .route(Router.ANY_METHOD, "/http-api/{orgId}/machines/{machineName}/{slug}", ops.httpApi()::handle)
                .route("GET", "/logs", secured.with(Scope.LOGS_READ, ops.logs()::retrieve))
                .build();
    }

    /** Wraps an operation: authenticate, check the scope, then run it for the caller. */
    private record Secured(Authenticator authenticator) {
        Operation with(Scope scope, CallerOperation operation) {
            return (request, path) -> {
                var caller = authenticator.authenticate(request);
                Authenticator.requireScope(caller, scope);
                path.forEach((name, value) -> {
                    if (name.equals("machineName") || name.equals("instanceName")) {
                        Names.require(name, value);
                    }
                });
                return operation.handle(caller, request, path);
            };
        }
    }
}
