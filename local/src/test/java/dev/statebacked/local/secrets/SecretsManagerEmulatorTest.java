package dev.statebacked.local.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.statebacked.local.sqs.TestClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

class SecretsManagerEmulatorTest {
    @TempDir
    Path dataDir;

    private SecretsManagerEmulator emulator;
    private SecretsManagerClient client;

    @AfterEach
    void stop() {
        stopEmulator();
    }

    @Test
    void aCreatedSecretIsReadByItsNameAndByItsArn() {
        start();
        CreateSecretResponse created =
                client.createSecret(b -> b.name("MasterKeySecret").secretString("s3cret value"));

        GetSecretValueResponse byName = client.getSecretValue(b -> b.secretId("MasterKeySecret"));
        GetSecretValueResponse byArn = client.getSecretValue(b -> b.secretId(created.arn()));

        assertThat(created.arn())
                .matches("arn:aws:secretsmanager:us-east-1:000000000000:secret:MasterKeySecret-[A-Za-z0-9]{6}");
        assertThat(byName.secretString()).isEqualTo("s3cret value");
        assertThat(byName.arn()).isEqualTo(created.arn());
        assertThat(byName.versionId()).isEqualTo(created.versionId());
        assertThat(byName.versionStages()).containsExactly("AWSCURRENT");
        assertThat(byName.createdDate()).isNotNull();
        assertThat(byArn.secretString()).isEqualTo("s3cret value");
    }

    @Test
    void secretsSurviveARestartInAnOwnerOnlyFile() throws Exception {
        start();
        String arn = client.createSecret(b -> b.name("kept").secretString("kept value"))
                .arn();
        stopEmulator();
        start();

        assertThat(client.getSecretValue(b -> b.secretId(arn)).secretString()).isEqualTo("kept value");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("secrets.json"))))
                .isEqualTo("rw-------");
    }

    @Test
    void aSecondSecretOfTheSameNameGivesResourceExistsException() {
        start();
        client.createSecret(b -> b.name("once").secretString("first"));

        assertThatThrownBy(() -> client.createSecret(b -> b.name("once").secretString("second")))
                .isInstanceOf(ResourceExistsException.class);
        assertThat(client.getSecretValue(b -> b.secretId("once")).secretString())
                .isEqualTo("first");
    }

    @Test
    void aCreateRetriedWithTheSameTokenIsTheSameSecret() {
        start();
        String token = "4e2b7c1a-0000-4000-8000-000000000001";
        CreateSecretResponse first =
                client.createSecret(b -> b.name("retried").secretString("v").clientRequestToken(token));
        CreateSecretResponse again =
                client.createSecret(b -> b.name("retried").secretString("v").clientRequestToken(token));

        assertThat(again.arn()).isEqualTo(first.arn());
        assertThat(again.versionId()).isEqualTo(token);
    }

    @Test
    void anUnknownSecretGivesResourceNotFoundException() {
        start();

        assertThatThrownBy(() -> client.getSecretValue(b -> b.secretId("nowhere")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("nowhere");
    }

    @Test
    void requestsOutsideTheSupportedSubsetGiveInvalidRequestException() {
        start();

        assertThatThrownBy(() -> client.createSecret(b ->
                        b.name("binary").secretBinary(software.amazon.awssdk.core.SdkBytes.fromUtf8String("bytes"))))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> client.listSecrets())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("ListSecrets");
    }

    private void start() {
        emulator = SecretsManagerEmulator.start(dataDir, 0);
        client = TestClients.secretsManager(emulator.endpoint());
    }

    private void stopEmulator() {
        if (client != null) {
            client.close();
            client = null;
        }
        if (emulator != null) {
            emulator.close();
            emulator = null;
        }
    }
}
