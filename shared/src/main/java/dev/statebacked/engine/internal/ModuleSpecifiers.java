package dev.statebacked.engine.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GraalJS treats {@code npm:xstate} as a URL with scheme "npm" and tries to open a socket before our file system
 * sees it, so the {@code npm:} prefix of import specifiers is dropped from the source text first.
 * Only string literals right after {@code from} or {@code import(} / {@code import} are touched.
 */
final class ModuleSpecifiers {
    private static final Pattern NPM_IMPORT =
            Pattern.compile("(\\bfrom\\s*|\\bimport\\s*\\(\\s*|\\bimport\\s*)([\"'])npm:");

    private ModuleSpecifiers() {}

    static String rewriteNpmPrefix(String code) {
        if (!code.contains("npm:")) return code;
        return NPM_IMPORT.matcher(code).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + m.group(2)));
    }
}
