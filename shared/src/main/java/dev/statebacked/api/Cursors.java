package dev.statebacked.api;

import java.util.Optional;

/** The {@code cursor} query parameter of list routes. */
final class Cursors {
    private Cursors() {}

    static Optional<String> from(ApiRequest request) {
        return request.queryParameter("cursor");
    }
}
