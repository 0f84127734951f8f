package dev.statebacked.engine;

/**
 * One entry of a version's {@code httpApiMapper}: the slug plain HTTP callers name, and whether it maps the settled
 * instance to its own response ({@code responseMapper}) or answers the default.
 */
public record HttpApiEndpoint(String slug, boolean mapsResponses) {}
