package dev.statebacked.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class MasterKeyTest {
    @Test
    void theKeyIsTheSha256OfTheSecretStringsUtf8Bytes() {
        // FIPS 180-2's test vector for "abc"
        assertThat(HexFormat.of().formatHex(MasterKey.fromSecretString("abc").bytes()))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void theKeySealsWhatItOpensAndAnotherSecretsKeyCannotOpenIt() {
        String sealed = new AesGcmSecretSealer(
                        MasterKey.fromSecretString("generated secret").bytes())
                .seal("sbsec_x");

        assertThat(new AesGcmSecretSealer(
                                MasterKey.fromSecretString("generated secret").bytes())
                        .open(sealed))
                .isEqualTo("sbsec_x");
        assertThatThrownBy(() -> new AesGcmSecretSealer(
                                MasterKey.fromSecretString("another secret").bytes())
                        .open(sealed))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anEmptySecretIsRefused() {
        assertThatThrownBy(() -> MasterKey.fromSecretString("")).isInstanceOf(IllegalArgumentException.class);
    }
}
