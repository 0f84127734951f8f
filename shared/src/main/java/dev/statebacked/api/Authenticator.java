package dev.statebacked.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.auth.Caller;
import dev.statebacked.auth.InvalidTokenException;
import dev.statebacked.auth.OrgAccessDeniedException;
import dev.statebacked.auth.OrgDirectory;
import dev.statebacked.auth.Scope;
import dev.statebacked.auth.TokenVerifier;

/** Turns a request's credentials into a {@link Caller}, or refuses it in the contract's terms. */
public final class Authenticator {
    private final TokenVerifier tokens;
    private final OrgDirectory orgs;

    public Authenticator(TokenVerifier tokens, OrgDirectory orgs) {
        this.tokens = tokens;
        this.orgs = orgs;
    }

    public Caller authenticate(ApiRequest request) {
        String header = request.header("authorization")
                .orElseThrow(() -> ApiException.unauthorized("missing authorization header"));
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiException.unauthorized("authorization must be a Bearer token");
        }
        Caller caller;
        try {
            caller = tokens.verify(header.substring(7).trim());
        } catch (InvalidTokenException e) {
            throw ApiException.unauthorized(e.getMessage());
        }
        try {
            caller = orgs.actIn(caller, request.header("x-statebacked-org-id").orElse(""));
        } catch (OrgAccessDeniedException e) {
            throw ApiException.forbidden("missing-org", e.getMessage());
        }
        String actAs = request.header("x-statebacked-act").orElse("");
        if (!actAs.isEmpty()) {
            // acting as another end user is an administrator's tool (smply's --auth-context)
            requireScope(caller, Scope.INSTANCES_ADMIN);
            JsonNode context = RequestJson.readBody(actAs);
            if (!context.isObject()) {
                throw ApiException.invalidParameter("x-statebacked-act", "x-statebacked-act must be a JSON object");
            }
            caller = caller.actingAs(context);
        }
        return caller;
    }

    public static void requireScope(Caller caller, Scope scope) {
        if (!caller.may(scope)) {
            throw ApiException.forbidden("missing-scope", "the key lacks the " + scope.wireName() + " scope");
        }
    }
}
