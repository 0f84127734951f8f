package dev.statebacked.local;

import dev.statebacked.local.lambda.FunctionConfig;
import dev.statebacked.local.lambda.LambdaFunction;
import dev.statebacked.local.lambda.LambdaInvokeApi;
import dev.statebacked.local.lambda.LambdaPayloads;
import dev.statebacked.local.lambda.TaskRoot;
import dev.statebacked.local.template.LocalResources;
import java.nio.file.Path;
import java.util.Deque;
import java.util.Map;

/**
 * The stack's functions run as Lambda runs them: the deployment artifact unpacked once, each function in
 * execution environments of its own (see {@link LambdaFunction}), one of each started ahead of the first event.
 */
final class LambdaFunctions {
    private LambdaFunctions() {}

    static FunctionEntryPoints start(
            LocalStack.Functions.Lambda how,
            LocalResources resources,
            Map<String, Map<String, String>> environments,
            LambdaInvokeApi lambdaService,
            Path workDirectory,
            Deque<AutoCloseable> started) {
        Path taskRoot = TaskRoot.unpack(how.artifact(), workDirectory);
        LambdaFunction processor =
                function(LocalStack.PROCESSOR_FUNCTION, how, resources, environments, taskRoot, started);
        lambdaService.register(processor.name(), processor::invoke);
        LambdaFunction api = function(LocalStack.API_FUNCTION, how, resources, environments, taskRoot, started);
        LambdaFunction worker =
                function(LocalStack.QUEUE_WORKER_FUNCTION, how, resources, environments, taskRoot, started);
        LambdaFunction realtime =
                function(LocalStack.REALTIME_FUNCTION, how, resources, environments, taskRoot, started);
        LambdaFunction fanout = function(LocalStack.FANOUT_FUNCTION, how, resources, environments, taskRoot, started);
        return new FunctionEntryPoints(
                (event, context) -> LambdaPayloads.httpResponse(
                        LambdaPayloads.successful(api.name(), api.invoke(LambdaPayloads.httpEvent(event)))),
                event -> LambdaPayloads.batchResponse(
                        LambdaPayloads.successful(worker.name(), worker.invoke(LambdaPayloads.sqsEvent(event)))),
                how.maxConcurrency(),
                (event, context) -> LambdaPayloads.webSocketResponse(LambdaPayloads.successful(
                        realtime.name(), realtime.invoke(LambdaPayloads.webSocketEvent(event)))),
                event -> LambdaPayloads.streamsResponse(
                        LambdaPayloads.successful(fanout.name(), fanout.invoke(LambdaPayloads.streamEvent(event)))));
    }

    private static LambdaFunction function(
            String name,
            LocalStack.Functions.Lambda how,
            LocalResources resources,
            Map<String, Map<String, String>> environments,
            Path taskRoot,
            Deque<AutoCloseable> started) {
        LambdaFunction function = LambdaFunction.of(
                new FunctionConfig(
                        name,
                        resources.handlerOf(name),
                        resources.timeoutOf(name),
                        resources.memorySizeOf(name),
                        resources.snapStartOf(name),
                        environments.get(name),
                        taskRoot),
                how.maxConcurrency());
        started.push(function);
        function.prewarm();
        return function;
    }
}
