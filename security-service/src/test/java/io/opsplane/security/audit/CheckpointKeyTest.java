package io.opsplane.security.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CheckpointKeyTest {

    private static final String KEY_BASE64 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    @TempDir
    Path dir;

    @Test
    void aMissingKeyFileIsCreatedWithARandomKeyForItsOwnerOnly() throws Exception {
        Path file = dir.resolve("nested/audit-checkpoint.key");

        CheckpointKey key = CheckpointKey.loadOrCreate(file);

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        byte[] stored = Base64.getDecoder().decode(Files.readString(file).strip());
        assertEquals(32, stored.length);
        assertEquals(keyIdOf(stored), key.keyId());
        try (Stream<Path> left = Files.list(file.getParent())) {
            assertEquals(List.of(file), left.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void anExistingKeyFileIsLoadedNotReplaced() throws Exception {
        Path file = dir.resolve("audit-checkpoint.key");
        CheckpointKey created = CheckpointKey.loadOrCreate(file);
        String content = Files.readString(file);

        CheckpointKey loaded = CheckpointKey.loadOrCreate(file);

        assertEquals(created.keyId(), loaded.keyId());
        assertEquals(content, Files.readString(file));
        assertEquals(created.keyId(), CheckpointKey.load(file).keyId());
    }

    @Test
    void twoNewKeyFilesHoldDifferentKeys() {
        assertNotEquals(CheckpointKey.loadOrCreate(dir.resolve("a.key")).keyId(),
                CheckpointKey.loadOrCreate(dir.resolve("b.key")).keyId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-r--r--", "rw-r-----", "rw----r--", "rw--w----", "rwx-----x"})
    void aKeyFileOthersCanAccessIsRefused(String permissions) throws Exception {
        Path file = dir.resolve("audit-checkpoint.key");
        Files.writeString(file, KEY_BASE64 + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> CheckpointKey.loadOrCreate(file));

        assertTrue(refused.getMessage().contains(permissions), refused.getMessage());
        assertTrue(refused.getMessage().contains("chmod 600 " + file), refused.getMessage());
        assertFalse(refused.getMessage().contains(KEY_BASE64), refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-------", "r--------"})
    void aKeyFileOnlyItsOwnerCanAccessIsLoaded(String permissions) throws Exception {
        Path file = dir.resolve("audit-checkpoint.key");
        Files.writeString(file, KEY_BASE64 + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));

        assertEquals(TestLedger.KEY.keyId(), CheckpointKey.load(file).keyId());
    }

    @Test
    void aKeyFileWithoutA32ByteKeyIsRefusedWithoutQuotingIt() throws Exception {
        Path file = dir.resolve("audit-checkpoint.key");
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        Files.writeString(file, shortKey);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> CheckpointKey.load(file));

        assertTrue(refused.getMessage().contains("must be 32 bytes"), refused.getMessage());
        assertFalse(refused.getMessage().contains(shortKey), refused.getMessage());
    }

    @Test
    void loadingAMissingKeyFileSaysSo() {
        Path file = dir.resolve("absent.key");

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> CheckpointKey.load(file));

        assertTrue(refused.getMessage().contains("does not exist"), refused.getMessage());
        assertFalse(Files.exists(file));
    }

    @Test
    void aKeyIsLoadedFromBase64AndNamedByTheStartOfItsSha256() throws Exception {
        CheckpointKey key = CheckpointKey.fromBase64("  " + KEY_BASE64 + "\n");

        assertEquals("630dcd2966c43366", key.keyId());
        assertEquals(keyIdOf(Base64.getDecoder().decode(KEY_BASE64)), key.keyId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHg==", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gIQ==",
        "not base64 at all!"})
    void aBase64ValueThatIsNotA32ByteKeyIsRefusedWithoutQuotingIt(String value) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> CheckpointKey.fromBase64(value));

        assertTrue(refused.getMessage().startsWith("the audit checkpoint key"), refused.getMessage());
        assertTrue(value.isBlank() || !refused.getMessage().contains(value.strip()), refused.getMessage());
    }

    @Test
    void theKeyNeverAppearsInItsTextForm() {
        assertEquals("CheckpointKey[keyId=630dcd2966c43366]", TestLedger.KEY.toString());
    }

    private static String keyIdOf(byte[] key) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key)).substring(0, 16);
    }
}
