package dev.statebacked.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.config.AwsClients;
import dev.statebacked.config.Settings;
import dev.statebacked.json.Json;
import dev.statebacked.store.DynamoItemStore;
import dev.statebacked.store.ItemKey;
import dev.statebacked.store.StoredItem;
import dev.statebacked.store.Write;
import dev.statebacked.testing.ApiClient;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackTest {
    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theStackServesHealthWithEveryEmbeddedServiceUp() throws Exception {
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(0, dataDir))) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(stack.apiUrl().resolve("/health")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode health = Json.MAPPER.readTree(response.body());
            assertThat(health.path("version").asText()).isNotBlank().isNotEqualTo("unknown");
            assertThat(health.path("services").fieldNames())
                    .toIterable()
                    .containsExactlyInAnyOrder("dynamodb", "sqs", "scheduler");
            health.path("services")
                    .forEach(service ->
                            assertThat(service.path("status").asText()).isEqualTo("ok"));
        }
    }

    @Test
    void firstStartWritesOwnerOnlyCredentialsInTheContractsFormats() throws Exception {
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(0, dataDir))) {
            Path file = dataDir.resolve("credentials.json");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
            JsonNode credentials = Json.MAPPER.readTree(file.toFile());
            assertThat(credentials.path("apiUrl").asText())
                    .isEqualTo(stack.apiUrl().toString());
            assertThat(credentials.path("orgId").asText()).startsWith("org_");
            assertThat(credentials.path("keyId").asText()).startsWith("sbk_");
            assertThat(credentials.path("secret").asText()).startsWith("sbsec_");
        }
    }

    @Test
    void aRestartOnTheSameDirectoryKeepsTheOrgTheCredentialsAndTheData() {
        LocalCredentials first;
        ItemKey key = new ItemKey("test#restart", "item");
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(0, dataDir))) {
            first = stack.credentials();
            withStore(stack, store -> store.write(new Write.PutIfAbsent(StoredItem.of(key, 1, "{\"kept\":true}"))));
        }
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(0, dataDir))) {
            assertThat(stack.credentials().orgId()).isEqualTo(first.orgId());
            assertThat(stack.credentials().keyId()).isEqualTo(first.keyId());
            assertThat(stack.credentials().secret()).isEqualTo(first.secret());
            withStore(stack, store -> {
                assertThat(store.get(key)).map(StoredItem::body).hasValue("{\"kept\":true}");
                assertThat(store.get(new ItemKey("org#" + first.orgId(), "org")))
                        .isPresent();
                assertThat(store.get(new ItemKey("key#" + first.keyId(), "key")))
                        .isPresent();
            });
        }
    }

    @Test
    void aRestartKeepsTheMasterKeySoTheStoredKeySecretStillAuthenticates() throws Exception {
        String masterKey;
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(0, dataDir))) {
            masterKey = Files.readString(dataDir.resolve("master.key"));
        }
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(0, dataDir))) {
            assertThat(Files.readString(dataDir.resolve("master.key"))).isEqualTo(masterKey);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("master.key"))))
                    .isEqualTo("rw-------");
            // the key secret was sealed under the first start's master key: opening it proves the same key came back
            assertThat(ApiClient.admin(stack).get("/machines").status()).isEqualTo(200);
        }
    }

    @Test
    void aSecondStackOnTheSameDirectoryIsRefused() {
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(0, dataDir))) {
            assertThatThrownBy(() -> LocalStack.start(new LocalStack.Options(0, dataDir)))
                    .isInstanceOf(LocalStackException.class)
                    .hasMessageContaining("in use by another statebacked local");
        }
    }

    @Test
    void aBusyPortIsRefusedWithOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            assertThatThrownBy(() -> LocalStack.start(new LocalStack.Options(taken.getLocalPort(), dataDir)))
                    .isInstanceOf(LocalStackException.class)
                    .hasMessage("port " + taken.getLocalPort() + " is already in use");
        }
    }

    @Test
    void aDataDirectoryThatCannotBeCreatedIsRefused() throws Exception {
        Path file = Files.createFile(dataDir.resolve("a-file"));

        assertThatThrownBy(() -> LocalStack.start(new LocalStack.Options(0, file.resolve("inside"))))
                .isInstanceOf(LocalStackException.class)
                .hasMessageContaining("cannot create data directory");
    }

    private static void withStore(LocalStack stack, java.util.function.Consumer<DynamoItemStore> use) {
        Settings settings = Settings.fromEnvironment(stack.apiEnvironment());
        try (AwsClients aws = new AwsClients(stack.apiEnvironment())) {
            use.accept(new DynamoItemStore(aws.dynamoDb(), settings.tableName()));
        }
    }
}
