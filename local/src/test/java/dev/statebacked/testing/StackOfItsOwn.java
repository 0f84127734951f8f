package dev.statebacked.testing;

import dev.statebacked.local.LocalStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A local stack for one test class, on a fresh data directory, with settings of its own (a short settle budget,
 * a short API deadline): {@code @RegisterExtension static final StackOfItsOwn stack = new StackOfItsOwn(settings)}.
 * Started before the class's tests, closed after them.
 */
public final class StackOfItsOwn implements BeforeAllCallback, AfterAllCallback {
    private final Map<String, String> settings;
    private LocalStack stack;
    private Path dataDir;

    public StackOfItsOwn(Map<String, String> settings) {
        this.settings = Map.copyOf(settings);
    }

    /** A stack whose events settle within {@code budget} (a few seconds, where 90 s would slow a test down). */
    public static StackOfItsOwn withSettleBudget(Duration budget) {
        return new StackOfItsOwn(Map.of("STATEBACKED_SETTLE_BUDGET_SECONDS", String.valueOf(budget.toSeconds())));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dataDir = Files.createTempDirectory("statebacked-own-stack-");
        stack = LocalStack.start(new LocalStack.Options(0, dataDir).withSettings(settings));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (stack != null) {
            stack.close();
        }
        if (dataDir != null) {
            try (var paths = Files.walk(dataDir)) {
                paths.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temporary directory left behind is harmless
            }
        }
    }

    public LocalStack stack() {
        return stack;
    }

    public ApiClient admin() {
        return ApiClient.admin(stack);
    }

    /** The instances of a fresh machine whose current version is the fixture {@code machines/<fixture>}. */
    public MachineInstances instancesOf(String fixture) {
        ApiClient admin = admin();
        return new MachineInstances(admin, Deployments.machineWithCurrentVersion(admin, fixture));
    }
}
