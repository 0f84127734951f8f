package dev.statebacked.instances;

import static dev.statebacked.testing.Deployments.freshName;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.json.Json;
import dev.statebacked.local.LocalStack;
import dev.statebacked.testing.ApiClient;
import dev.statebacked.testing.Deployments;
import dev.statebacked.testing.Eventually;
import dev.statebacked.testing.InstanceLogs;
import dev.statebacked.testing.MachineFixtures;
import dev.statebacked.testing.MachineInstances;
import dev.statebacked.testing.RunningStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A machine version's {@code httpApiMapper}: plain HTTP callers (a shop's order webhook here) reach instances with
 * no State Backed token at {@code /http-api/{orgId}/machines/{machine}/{slug}}; the handler maps the request to an
 * instance, an event and an auth context, the instance settles, and the response mapper maps it to the answer.
 */
class HttpApiMappersTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final LocalStack stack = RunningStack.get();
    private static final ApiClient admin = RunningStack.adminClient();
    private static MachineInstances orders;

    @BeforeAll
    static void deployTheOrderMachine() {
        orders = new MachineInstances(admin, Deployments.machineWithCurrentVersion(admin, "order-webhook.js"));
    }

    private record Answer(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            return Json.readStored(body);
        }
    }

    private static Answer call(String method, String slugAndQuery, String contentType, String body, String secret) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/http-api/"
                        + stack.credentials().orgId() + "/machines/" + orders.machine() + "/" + slugAndQuery))
                .timeout(Duration.ofSeconds(60))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("content-type", contentType);
        }
        if (secret != null) {
            request.header("x-shop-secret", secret);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Answer webhook(String orderId, String type, int amount) {
        return call(
                "POST",
                "orders",
                "application/json",
                Json.write(Map.of("orderId", orderId, "type", type, "amount", amount)),
                "s3cret");
    }

    private static Answer get(String slugAndQuery) {
        return call("GET", slugAndQuery, null, null, null);
    }

    @Test
    void aWebhookCreatesTheOrderAndIsAnsweredWithTheMappedStateOfTheSettledInstance() {
        String order = freshName("order");

        Answer created = webhook(order, "add", 5);

        assertThat(created.status()).as(created.body()).isEqualTo(202);
        assertThat(created.raw().headers().firstValue("x-order-state")).contains("open");
        assertThat(created.raw().headers().firstValue("content-type")).contains("application/json");
        assertThat(created.json())
                .isEqualTo(Json.readStored(
                        "{\"orderId\":\"" + order + "\",\"state\":\"open\",\"total\":5,\"result\":null}"));
        assertThat(orders.history(order))
                .extracting(t -> t.path("event").path("type").asText())
                .containsExactly("xstate.init", "add");

        assertThat(webhook(order, "add", 3).json().path("total").asInt()).isEqualTo(8);
        Answer paid = webhook(order, "pay", 0);
        assertThat(paid.status()).isEqualTo(200);
        assertThat(paid.json().path("state").asText()).isEqualTo("paid");
        assertThat(paid.json().path("result").isNull()).isTrue();
    }

    @Test
    void twoWebhooksThatCreateTheSameOrderAtOnceCreateItOnceAndBothEventsAreApplied() throws Exception {
        String order = freshName("order");
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var first = threads.submit(() -> webhook(order, "add", 1));
            var second = threads.submit(() -> webhook(order, "add", 2));

            assertThat(first.get().status()).as(first.get().body()).isEqualTo(202);
            assertThat(second.get().status()).as(second.get().body()).isEqualTo(202);
        }

        assertThat(orders.history(order))
                .extracting(t -> t.path("event").path("type").asText())
                .containsExactly("xstate.init", "add", "add");
        assertThat(orders.admin(order).json().path("context").path("total").asInt())
                .isEqualTo(3);
    }

    @Test
    void theResponseMapperGetsTheDoneDataOfAFinalStateAsTheResult() {
        String order = freshName("order");
        webhook(order, "add", 7);
        webhook(order, "pay", 0);

        Answer shipped = webhook(order, "ship", 0);

        assertThat(shipped.status()).as(shipped.body()).isEqualTo(200);
        assertThat(shipped.json().path("state").asText()).isEqualTo("shipped");
        assertThat(shipped.json().path("result"))
                .isEqualTo(Json.readStored("{\"shippedOrder\":\"" + order + "\",\"charged\":7}"));
    }

    @Test
    void aThrowingHandlerFailsTheRequestBeforeAnythingIsWrittenAndItsErrorIsLogged() {
        String order = freshName("order");

        Answer refused = call(
                "POST",
                "orders",
                "application/json",
                Json.write(Map.of("orderId", order, "type", "add", "amount", 1)),
                "wrong");

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().path("code").asText()).isEqualTo("user-code-error");
        assertThat(refused.json().path("error").asText()).contains("the webhook's secret is wrong");
        assertThat(orders.get(order).status()).isEqualTo(404);

        Answer thrown = get("throws");
        assertThat(thrown.status()).isEqualTo(400);
        assertThat(InstanceLogs.of(stack, orders.machine(), ""))
                .contains("about to refuse")
                .anyMatch(line -> line.contains("httpApiMapper.throws.handler failed")
                        && line.contains("refused by the handler on purpose"));
    }

    @Test
    void whatMappersPrintIsFoundByTheLogsApiByMachineVersionAndInstance() {
        String order = freshName("order");
        String since = Instant.now().minusSeconds(5).toString();
        webhook(order, "add", 2);
        String version = Deployments.currentVersionId(admin, orders.machine());

        for (String filter : List.of(
                "machine=" + orders.machine(),
                "version=" + version,
                "machine=" + orders.machine() + "&instance=" + order)) {
            List<String> lines = Eventually.poll(
                    Duration.ofSeconds(15),
                    () -> logLines("/logs?from=" + since + "&" + filter),
                    found -> found.contains("answering for " + order + " in open"));
            assertThat(lines)
                    .as(filter)
                    .contains("webhook POST add for " + order, "answering for " + order + " in open");
        }
    }

    private static List<String> logLines(String path) {
        ApiClient.Response response = admin.get(path);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> lines = new ArrayList<>();
        response.json().path("logs").forEach(line -> lines.add(line.path("log").asText()));
        return lines;
    }

    @Test
    void aHandlerThatLoopsIsStoppedLikeAnyUserCode() {
        long started = System.nanoTime();

        Answer looped = get("loops");

        assertThat(looped.status()).as(looped.body()).isEqualTo(400);
        assertThat(looped.json().path("code").asText()).isEqualTo("user-code-error");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void withoutAnInitialContextAnInstanceThatDoesNotExistIsNotFound() {
        String order = freshName("order");

        assertThat(get("existing?order=" + order + "&event=pay").status()).isEqualTo(404);
        assertThat(orders.get(order).status()).isEqualTo(404);

        webhook(order, "add", 1);
        Answer paid = get("existing?order=" + order + "&event=pay");
        assertThat(paid.status()).as(paid.body()).isEqualTo(200);
        assertThat(paid.json()).isEqualTo(Json.readStored("{\"ok\":true}"));
        assertThat(orders.get(order).json().path("state").asText()).isEqualTo("paid");
    }

    @Test
    void allowWriteSeesTheAuthContextTheHandlerReturned() {
        String order = freshName("order");

        Answer forged = get("forged?order=" + order);

        assertThat(forged.status()).as(forged.body()).isEqualTo(403);
        assertThat(forged.json().path("code").asText()).isEqualTo("rejected-by-machine-authorizer");
        assertThat(orders.get(order).status()).isEqualTo(404);
    }

    @Test
    void theHandlerGetsAJsonBodyAsItsValueWithMethodQueryAndHeaders() {
        String order = freshName("order");

        JsonNode seen = call(
                        "PUT",
                        "echo?order=" + order + "&note=hello%20there",
                        "application/json; charset=utf-8",
                        "{\"items\":[1,2],\"gift\":true}",
                        "s3cret")
                .json();

        assertThat(seen.path("method").asText()).isEqualTo("PUT");
        assertThat(seen.path("body")).isEqualTo(Json.readStored("{\"items\":[1,2],\"gift\":true}"));
        assertThat(seen.path("query").path("note").asText()).isEqualTo("hello there");
        assertThat(seen.path("headers").path("x-shop-secret").asText()).isEqualTo("s3cret");
    }

    @Test
    void theHandlerGetsAFormAsAnObjectOfItsFieldsAndARepeatedFieldAsAnArray() {
        String order = freshName("order");

        JsonNode seen = call(
                        "POST",
                        "echo?order=" + order,
                        "application/x-www-form-urlencoded",
                        "name=Ada+L&tag=a&tag=b%26c&empty=",
                        null)
                .json();

        assertThat(seen.path("body"))
                .isEqualTo(Json.readStored("{\"name\":\"Ada L\",\"tag\":[\"a\",\"b&c\"],\"empty\":\"\"}"));
    }

    @Test
    void theHandlerGetsAnyOtherBodyAsTextAndNoBodyAsNull() {
        String order = freshName("order");

        assertThat(call("POST", "echo?order=" + order, "text/plain", "line one\nline two", null)
                        .json()
                        .path("body")
                        .asText())
                .isEqualTo("line one\nline two");
        assertThat(call("POST", "echo?order=" + order, null, "<xml/>", null)
                        .json()
                        .path("body")
                        .asText())
                .isEqualTo("<xml/>");
        assertThat(get("echo?order=" + order).json().path("body").isNull()).isTrue();
    }

    @Test
    void aStringBodyOfTheResponseIsSentAsItIsWithTheMappersContentType() {
        String order = freshName("order");

        Answer csv = get("text?order=" + order);

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.raw().headers().firstValue("content-type")).contains("text/csv");
        assertThat(csv.body()).isEqualTo("order,total\n" + order + ",0");
    }

    @Test
    void aResponseMapperThatThrowsLoopsOrAnswersNoResponseYieldsOkAndTheEventStaysApplied() {
        for (String slug : new String[] {"response-throws", "response-loops", "response-is-not-one"}) {
            String order = freshName("order");

            Answer answer = get(slug + "?order=" + order);

            assertThat(answer.status()).as(slug + ": " + answer.body()).isEqualTo(200);
            assertThat(answer.json()).isEqualTo(Json.readStored("{\"ok\":true}"));
            assertThat(orders.get(order).json().path("state").asText()).isEqualTo("paid");
            assertThat(InstanceLogs.of(stack, orders.machine(), order))
                    .anyMatch(line -> line.contains("httpApiMapper." + slug + ".responseMapper failed"));
        }
    }

    @Test
    void finalizeRefusesAVersionWhoseMapperIsNotAnObjectOfHandlersBySlug() {
        String code = MachineFixtures.resource("order-webhook.js")
                .replace("  existing: {\n    handler: async", "  existing: {\n    respond: async");
        JsonNode reserved =
                admin.post("/machines/" + orders.machine() + "/v", Map.of()).json();
        Deployments.upload(reserved, code.getBytes(StandardCharsets.UTF_8), false);

        ApiClient.Response refused = admin.put(
                "/machines/" + orders.machine() + "/v/"
                        + reserved.path("machineVersionId").asText(),
                Map.of("makeCurrent", true));

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().path("error").asText()).contains("httpApiMapper[\"existing\"].handler");
        assertThat(webhook(freshName("order"), "add", 1).status())
                .as("the current version still serves")
                .isEqualTo(202);
    }

    @Test
    void aRequestTheHandlerCannotServeIsRefusedInTheContractsErrorFormat() {
        assertThat(get("no-such-slug").status()).isEqualTo(404);
        assertThat(get("__proto__").status()).isEqualTo(404);
        assertThat(get("constructor").status()).isEqualTo(404);
        assertThat(get("bad-instance-name").json().path("code").asText()).isEqualTo("invalid-parameter");
        assertThat(call("POST", "orders", "application/json", "{not json", "s3cret")
                        .json()
                        .path("code")
                        .asText())
                .isEqualTo("invalid-parameter");
        assertThat(call("POST", "orders", "text/plain", "x".repeat(1024 * 1024 + 1), "s3cret")
                        .status())
                .isEqualTo(413);
        HttpRequest otherMachine = HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/http-api/"
                        + stack.credentials().orgId() + "/machines/" + freshName("none") + "/orders"))
                .build();
        HttpRequest badOrg = HttpRequest.newBuilder(
                        URI.create(stack.apiUrl() + "/http-api/org%23x/machines/" + orders.machine() + "/orders"))
                .build();
        try {
            assertThat(HTTP.send(otherMachine, HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .isEqualTo(404);
            assertThat(HTTP.send(badOrg, HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(400);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
