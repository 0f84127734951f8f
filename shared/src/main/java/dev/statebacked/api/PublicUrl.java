package dev.statebacked.api;

import java.util.Optional;

/** The API's public URL, which upload forms point at. */
public final class PublicUrl {
    private final Optional<String> configured;

    public PublicUrl(Optional<String> configured) {
        this.configured = configured;
    }

    public String of(ApiRequest request) {
        // behind API Gateway the public URL is the host the caller used, unless a custom domain is configured
        return configured.orElseGet(() -> request.header("x-forwarded-proto").orElse("https") + "://"
                + request.header("host").orElseThrow(() -> ApiException.invalidParameter("host", "no host header")));
    }
}
