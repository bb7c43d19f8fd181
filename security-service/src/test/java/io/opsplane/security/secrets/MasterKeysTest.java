package io.opsplane.security.secrets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class MasterKeysTest {

    @TempDir
    Path dir;

    /** Base64 texts that are not a 32-byte key, and what the error says of each. */
    static Stream<Arguments> notAKey() {
        return Stream.of(
                Arguments.of("not base64!", "is not valid base64"),
                Arguments.of("c2VjcmV0-_", "is not valid base64"),
                Arguments.of("AAAA AAAA", "is not valid base64"),
                Arguments.of("QUJD=", "is not valid base64"),
                Arguments.of(base64OfLength(1), "decodes to 1 bytes"),
                Arguments.of(base64OfLength(16), "decodes to 16 bytes"),
                Arguments.of(base64OfLength(31), "decodes to 31 bytes"),
                Arguments.of(base64OfLength(33), "decodes to 33 bytes"),
                Arguments.of(base64OfLength(64), "decodes to 64 bytes"));
    }

    private static String base64OfLength(int bytes) {
        return Base64.getEncoder().encodeToString(CryptoRandom.bytes(bytes));
    }

    private Path writeKeyFile(String content, String permissions) throws IOException {
        Path file = dir.resolve("master-key");
        Files.writeString(file, content, StandardCharsets.ISO_8859_1);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    @Nested
    class FromTheEnvironment {

        @ParameterizedTest(name = "[{index}] surrounded by {0}")
        @ValueSource(strings = {"", "\n", "  ", " \t\r\n"})
        void aBase64KeyIsTheKeyWithSurroundingWhitespaceIgnored(String whitespace) {
            MasterKey key = KeyFixtures.masterKey();

            MasterKey loaded = MasterKeys.load(whitespace + KeyFixtures.base64(key) + whitespace, dir.resolve("unused"));

            assertEquals(key.keyId(), loaded.keyId());
        }

        @ParameterizedTest(name = "[{index}] {1}")
        @MethodSource("io.opsplane.security.secrets.MasterKeysTest#notAKey")
        void aValueThatIsNotA32ByteKeyIsRefusedWithoutQuotingIt(String value, String problem) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> MasterKeys.load(value, dir.resolve("unused")));

            assertTrue(e.getMessage().startsWith("the master key from the environment " + problem), e.getMessage());
            KeyFixtures.assertNotMentioned(e, value);
        }

        static Stream<Arguments> keyFiles() {
            return Stream.of(
                    Arguments.of("missing", null, null),
                    Arguments.of("another key", KeyFixtures.base64(KeyFixtures.masterKey()) + "\n", "rw-------"),
                    Arguments.of("readable by all", KeyFixtures.base64(KeyFixtures.masterKey()) + "\n", "rw-r--r--"),
                    Arguments.of("not base64", "not a key", "rw-------"),
                    Arguments.of("wrong length", base64OfLength(16), "rw-------"));
        }

        @ParameterizedTest(name = "[{index}] key file {0}")
        @MethodSource("keyFiles")
        void theValueWinsOverTheKeyFileWhichIsNeitherReadNorCreated(String state, String content,
                String permissions) throws IOException {
            Path file = content == null ? dir.resolve("master-key") : writeKeyFile(content, permissions);
            MasterKey key = KeyFixtures.masterKey();

            assertEquals(key.keyId(), MasterKeys.load(KeyFixtures.base64(key), file).keyId());

            if (content == null) {
                assertFalse(Files.exists(file));
            } else {
                assertEquals(content, Files.readString(file, StandardCharsets.ISO_8859_1));
            }
        }

        @ParameterizedTest(name = "[{index}] \"{0}\"")
        @NullAndEmptySource
        @ValueSource(strings = {" ", "\n", " \t "})
        void anUnsetOrBlankValueMeansTheKeyFile(String value) throws IOException {
            MasterKey key = KeyFixtures.masterKey();
            Path file = writeKeyFile(KeyFixtures.base64(key) + "\n", "rw-------");

            assertEquals(key.keyId(), MasterKeys.load(value, file).keyId());
        }
    }

    @Nested
    class GeneratedKeyFile {

        @Test
        void aMissingFileIsCreatedOwnerOnlyWithA32ByteBase64Key() throws IOException {
            Path file = dir.resolve("master-key");

            MasterKey key = MasterKeys.load(null, file);

            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            String content = Files.readString(file, StandardCharsets.US_ASCII);
            assertEquals(45, content.length(), "44 base64 characters and a newline");
            assertTrue(content.endsWith("\n"));
            byte[] bytes = Base64.getDecoder().decode(content.strip());
            assertEquals(32, bytes.length);
            assertArrayEquals(bytes, key.bytes());
        }

        @Test
        void theNextLoadReadsTheSameKey() {
            Path file = dir.resolve("master-key");

            MasterKey first = MasterKeys.load(null, file);
            MasterKey second = MasterKeys.load("", file);

            assertEquals(first.keyId(), second.keyId());
        }

        @Test
        void noTemporaryFileIsLeftBehind() throws IOException {
            MasterKeys.load(null, dir.resolve("master-key"));

            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(List.of(dir.resolve("master-key")), files.toList());
            }
        }

        @Test
        void missingFoldersAreCreatedOwnerOnly() throws IOException {
            Path file = dir.resolve("state/secrets/master-key");

            MasterKeys.load(null, file);

            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        }

        @Test
        void eachNewFileHoldsANewKey() {
            MasterKey one = MasterKeys.load(null, dir.resolve("one"));
            MasterKey two = MasterKeys.load(null, dir.resolve("two"));

            assertFalse(Arrays.equals(one.bytes(), two.bytes()));
        }

        @Test
        void publishingNeverReplacesAKeyFileThatAppearedMeanwhile() throws IOException {
            Path target = dir.resolve("master-key");
            Files.writeString(target, "first");
            Path temporary = Files.writeString(dir.resolve("temporary"), "second");

            assertFalse(MasterKeys.publish(temporary, target));

            assertEquals("first", Files.readString(target));
        }

        @Test
        void publishingMakesTheTemporaryFileTheKeyFile() throws IOException {
            Path target = dir.resolve("master-key");
            Path temporary = Files.writeString(dir.resolve("temporary"), "key");

            assertTrue(MasterKeys.publish(temporary, target));

            assertEquals("key", Files.readString(target));
        }
    }

    @Nested
    class ExistingKeyFile {

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {"rw-------", "r--------"})
        void anOwnerOnlyFileIsRead(String permissions) throws IOException {
            MasterKey key = KeyFixtures.masterKey();
            Path file = writeKeyFile(KeyFixtures.base64(key) + "\n", permissions);

            assertEquals(key.keyId(), MasterKeys.load(null, file).keyId());
        }

        @ParameterizedTest(name = "[{index}] \"{0}\"")
        @ValueSource(strings = {"", "\n", "\r\n", "  \n\n", "\t"})
        void surroundingWhitespaceIsIgnored(String whitespace) throws IOException {
            MasterKey key = KeyFixtures.masterKey();
            Path file = writeKeyFile(whitespace + KeyFixtures.base64(key) + whitespace, "rw-------");

            assertEquals(key.keyId(), MasterKeys.load(null, file).keyId());
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {"rw-r--r--", "rw-r-----", "rw--w----", "rw----r--", "rw-----w-", "rw-rw-rw-",
                "r--r-----"})
        void aFileReadableOrWritableByGroupOrOthersIsRefused(String permissions) throws IOException {
            String content = KeyFixtures.base64(KeyFixtures.masterKey());
            Path file = writeKeyFile(content + "\n", permissions);

            IllegalStateException e = assertThrows(IllegalStateException.class, () -> MasterKeys.load(null, file));

            assertEquals("master key file " + file + " has permissions " + permissions + "; it must be readable "
                    + "and writable by its owner only (chmod 600 " + file + ")", e.getMessage());
            KeyFixtures.assertNotMentioned(e, content);
        }

        @ParameterizedTest(name = "[{index}] {1}")
        @MethodSource("io.opsplane.security.secrets.MasterKeysTest#notAKey")
        void aFileThatDoesNotHoldA32ByteKeyIsRefusedWithoutQuotingIt(String content, String problem)
                throws IOException {
            Path file = writeKeyFile(content + "\n", "rw-------");

            IllegalStateException e = assertThrows(IllegalStateException.class, () -> MasterKeys.load(null, file));

            assertTrue(e.getMessage().startsWith("master key file " + file + " " + problem), e.getMessage());
            KeyFixtures.assertNotMentioned(e, content);
        }

        @Test
        void anEmptyFileIsRefused() throws IOException {
            Path file = writeKeyFile("", "rw-------");

            IllegalStateException e = assertThrows(IllegalStateException.class, () -> MasterKeys.load(null, file));

            assertTrue(e.getMessage().startsWith("master key file " + file + " decodes to 0 bytes"), e.getMessage());
        }

        @Test
        void anOversizedFileIsRefusedUnread() throws IOException {
            Path file = writeKeyFile("A".repeat(4096), "rw-------");

            IllegalStateException e = assertThrows(IllegalStateException.class, () -> MasterKeys.load(null, file));

            assertTrue(e.getMessage().startsWith("master key file " + file + " is 4096 bytes;"), e.getMessage());
        }

        @Test
        void aFolderIsNotAKeyFile() throws IOException {
            Path folder = Files.createDirectory(dir.resolve("master-key"));

            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> MasterKeys.load(null, folder));

            assertEquals("master key file " + folder + " is not a regular file", e.getMessage());
        }

        @Test
        void aDanglingLinkIsReportedNotReplaced() throws IOException {
            Path link = Files.createSymbolicLink(dir.resolve("master-key"), dir.resolve("gone"));

            IllegalStateException e = assertThrows(IllegalStateException.class, () -> MasterKeys.load(null, link));

            assertTrue(e.getMessage().startsWith("cannot read or create the master key file " + link), e.getMessage());
            assertTrue(Files.isSymbolicLink(link));
            assertFalse(Files.exists(dir.resolve("gone")));
        }
    }

    @Nested
    class PreviousKeys {

        @Test
        void eachValueIsAKeyAndBlankEntriesAreSkipped() {
            MasterKey one = KeyFixtures.masterKey();
            MasterKey two = KeyFixtures.masterKey();

            List<MasterKey> keys = MasterKeys.previous(
                    Arrays.asList(KeyFixtures.base64(one), "", null, " " + KeyFixtures.base64(two) + "\n"));

            assertEquals(List.of(one.keyId(), two.keyId()), keys.stream().map(MasterKey::keyId).toList());
        }

        @ParameterizedTest(name = "[{index}] {1}")
        @MethodSource("io.opsplane.security.secrets.MasterKeysTest#notAKey")
        void aValueThatIsNotA32ByteKeyIsRefusedByPositionWithoutQuotingIt(String value, String problem) {
            List<String> values = List.of(KeyFixtures.base64(KeyFixtures.masterKey()), value, "");

            IllegalStateException e = assertThrows(IllegalStateException.class, () -> MasterKeys.previous(values));

            assertTrue(e.getMessage().startsWith("previous master key 2 of 3 " + problem), e.getMessage());
            KeyFixtures.assertNotMentioned(e, value);
        }

        @Test
        void theRingHoldsTheLoadedKeyAsCurrentAndThePreviousKeys() {
            MasterKey current = KeyFixtures.masterKey();
            MasterKey previous = KeyFixtures.masterKey();

            KeyRing ring = MasterKeys.ring(KeyFixtures.base64(current), dir.resolve("unused"),
                    List.of(KeyFixtures.base64(previous)));

            assertEquals(current.keyId(), ring.current().keyId());
            assertEquals(List.of(current.keyId(), previous.keyId()), ring.keyIds());
        }
    }
}
