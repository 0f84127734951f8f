package dev.statebacked.local.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.api.client.AWSLambda;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What Lambda's Java runtime itself consists of: the runtime interface client and the libraries it brings
 * (the handler interfaces, the event serializers, the SDK's thread-local trace id), and the JVM. The function's own code is not on this class
 * path: the runtime loads it from the task root with its own class loader, as on Lambda.
 */
record RuntimeClasspath(Path javaExecutable, String classpath) {
    /** Lambda's java25 runtime: the Graal compiler in the artifact needs JDK 25. */
    static final int RUNTIME_FEATURE_VERSION = 25;

    static RuntimeClasspath ofThisJvm() {
        if (Runtime.version().feature() < RUNTIME_FEATURE_VERSION) {
            throw new IllegalStateException("running the functions as Lambda does needs JDK " + RUNTIME_FEATURE_VERSION
                    + " (the functions' runtime is java" + RUNTIME_FEATURE_VERSION + "); this is JDK "
                    + Runtime.version().feature());
        }
        Set<Path> jars = new LinkedHashSet<>();
        for (String className : List.of(
                AWSLambda.class.getName(),
                Context.class.getName(),
                "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer",
                "software.amazon.awssdk.utilslite.SdkInternalThreadLocal")) {
            jars.add(jarOf(className));
        }
        return new RuntimeClasspath(
                Path.of(System.getProperty("java.home"), "bin", "java"),
                jars.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)));
    }

    private static Path jarOf(String className) {
        try {
            Class<?> type = Class.forName(className, false, RuntimeClasspath.class.getClassLoader());
            return Path.of(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (ClassNotFoundException | URISyntaxException | NullPointerException e) {
            throw new IllegalStateException(
                    "the Lambda runtime interface client is not on the class path: " + className, e);
        }
    }
}
