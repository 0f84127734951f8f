package dev.statebacked.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The instance routes of one machine (api-contract.md, "Instances"), as a client calls them. */
public record MachineInstances(ApiClient client, String machine) {

    public MachineInstances as(ApiClient other) {
        return new MachineInstances(other, machine);
    }

    public String path(String instance) {
        return "/machines/" + machine + "/i/" + instance;
    }

    /** {@code POST /machines/{m}} with a slug and, when not null, a context. */
    public ApiClient.Response create(String instance, Object context) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("slug", instance);
        if (context != null) {
            body.put("context", context);
        }
        return client.post("/machines/" + machine, body);
    }

    /** Creates the instance and insists on it. */
    public JsonNode created(String instance, Object context) {
        ApiClient.Response response = create(instance, context);
        assertThat(response.status())
                .as("create %s: %s", instance, response.body())
                .isEqualTo(200);
        return response.json();
    }

    /** {@code POST .../events} with an event given as a name or as an object. */
    public ApiClient.Response send(String instance, Object event) {
        return client.post(path(instance) + "/events", Map.of("event", event));
    }

    /** Sends and insists on a 200; returns the {@code State}. */
    public JsonNode sent(String instance, Object event) {
        ApiClient.Response response = send(instance, event);
        assertThat(response.status())
                .as("send %s to %s: %s", event, instance, response.body())
                .isEqualTo(200);
        return response.json();
    }

    public ApiClient.Response get(String instance) {
        return client.get(path(instance));
    }

    public ApiClient.Response admin(String instance) {
        return client.get(path(instance) + "/admin");
    }

    public ApiClient.Response setStatus(String instance, String status) {
        return client.put(path(instance) + "/status", Map.of("status", status));
    }

    /** {@code DELETE} with the confirmation the contract asks for. */
    public ApiClient.Response delete(String instance) {
        return client.delete(
                path(instance),
                Map.of(
                        "dangerDataWillBeDeletedForever",
                        true,
                        "hmacSha256OfMachineInstanceNameWithMachineNameKey",
                        hmacSha256(machine, instance)));
    }

    /** base64url, unpadded, of HMAC-SHA256(key, data): the delete confirmation with key = machine, data = instance. */
    public static String hmacSha256(String key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The array {@code publicContext.<field>} of the instance's current state (empty when absent). */
    public List<JsonNode> publicList(String instance, String field) {
        List<JsonNode> items = new ArrayList<>();
        get(instance).json().path("publicContext").path(field).forEach(items::add);
        return items;
    }

    /** Every transition of the instance, oldest first, following the cursor through all pages. */
    public List<JsonNode> history(String instance) {
        return allPages(path(instance) + "/events", "transitions");
    }

    /** Every instance of the machine, following the cursor through all pages. */
    public List<JsonNode> list() {
        return allPages("/machines/" + machine + "/i", "instances");
    }

    /** The pages of a list route, each as the route returned it. */
    public List<JsonNode> pages(String path) {
        List<JsonNode> pages = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            ApiClient.Response page = client.get(path
                    + cursor.map(c -> "?cursor=" + URLEncoder.encode(c, StandardCharsets.UTF_8))
                            .orElse(""));
            assertThat(page.status()).as("GET %s: %s", path, page.body()).isEqualTo(200);
            pages.add(page.json());
            cursor = Optional.ofNullable(page.json().get("cursor")).map(JsonNode::asText);
        } while (cursor.isPresent());
        return pages;
    }

    private List<JsonNode> allPages(String path, String field) {
        List<JsonNode> items = new ArrayList<>();
        pages(path).forEach(page -> page.path(field).forEach(items::add));
        return items;
    }
}
