package io.opsplane.pipeline.artifacts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactStoreTest {

    @TempDir
    Path root;

    private static String sha(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private static long files(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void blobsAreKeptByTheirSha256AndTheSameContentIsStoredOnce() throws Exception {
        DirectoryArtifactStore store = new DirectoryArtifactStore(root);
        byte[] data = "some archive".getBytes();
        ArtifactStore.Blob first = store.put(new ByteArrayInputStream(data), 1024);
        ArtifactStore.Blob second = store.put(new ByteArrayInputStream(data), 1024);
        assertEquals(sha(data), first.sha256());
        assertEquals(first, second);
        assertEquals(data.length, first.size());
        assertTrue(Files.isRegularFile(root.resolve(first.sha256().substring(0, 2)).resolve(first.sha256())));
        assertEquals(1, files(root), "one blob, no temporary file left");
        try (InputStream in = store.open(first.sha256()).orElseThrow()) {
            assertArrayEquals(data, in.readAllBytes());
        }
        assertTrue(store.open("0".repeat(64)).isEmpty());
    }

    @Test
    void aBlobIsVisibleOnlyWholeAfterItsCommit() throws Exception {
        DirectoryArtifactStore store = new DirectoryArtifactStore(root);
        byte[] data = "abc".getBytes();
        try (ArtifactStore.PendingBlob pending = store.begin(1024)) {
            pending.write(data, 0, 2);
            assertFalse(store.exists(sha(data)));
            pending.write(data, 2, 1);
            assertFalse(store.exists(sha(data)), "not before the commit");
            pending.commit(sha(data));
        }
        assertTrue(store.exists(sha(data)));
        // An abandoned upload leaves nothing, and one whose bytes differ from the announced digest keeps nothing.
        try (ArtifactStore.PendingBlob pending = store.begin(1024)) {
            pending.write("xyz".getBytes(), 0, 3);
        }
        try (ArtifactStore.PendingBlob pending = store.begin(1024)) {
            pending.write("xyz".getBytes(), 0, 3);
            IOException damaged = assertThrows(IOException.class, () -> pending.commit("1".repeat(64)));
            assertTrue(damaged.getMessage().contains("damaged"), damaged.getMessage());
        }
        assertFalse(store.exists(sha("xyz".getBytes())));
        assertEquals(1, files(root));
    }

    @Test
    void anArchiveAboveTheLimitIsRefusedAndNothingIsKept() {
        DirectoryArtifactStore store = new DirectoryArtifactStore(root);
        ArtifactStore.TooLargeException refused = assertThrows(ArtifactStore.TooLargeException.class,
                () -> store.put(new ByteArrayInputStream(new byte[101]), 100));
        assertTrue(refused.getMessage().contains("limit of 100 bytes"), refused.getMessage());
        assertEquals(0, assertDoesNotThrowFiles());
    }

    private long assertDoesNotThrowFiles() {
        try {
            return files(root);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void uploadsAbandonedByADeadWriterAreRemovedOnceOldAndLiveOnesAreKept() throws Exception {
        DirectoryArtifactStore store = new DirectoryArtifactStore(root);
        ArtifactStore.PendingBlob abandoned = store.begin(1024);
        abandoned.write("half".getBytes(), 0, 4);
        ArtifactStore.PendingBlob live = store.begin(1024);
        live.write("still going".getBytes(), 0, 11);
        ArtifactStore.Blob stored = store.put(new ByteArrayInputStream("kept".getBytes()), 1024);
        Path abandonedFile;
        try (Stream<Path> partials = Files.list(root.resolve("tmp"))) {
            abandonedFile = partials.filter(path -> path.toFile().length() == 4).findFirst().orElseThrow();
        }
        Files.setLastModifiedTime(abandonedFile, FileTime.from(Instant.now().minus(Duration.ofHours(2))));

        int removed = store.removeAbandonedUploads(Instant.now().minus(Duration.ofHours(1)));

        assertEquals(1, removed);
        assertFalse(Files.exists(abandonedFile));
        try (Stream<Path> partials = Files.list(root.resolve("tmp"))) {
            assertEquals(1, partials.count(), "the live upload's partial file is kept");
        }
        assertTrue(store.exists(stored.sha256()), "committed blobs are not uploads");
        assertEquals(0, store.removeAbandonedUploads(Instant.now().minus(Duration.ofHours(1))));
        live.close();
        abandoned.close();
    }

    @Test
    void anExpiredBlobIsDeletedUnlessItWasStoredAgainSince() throws Exception {
        DirectoryArtifactStore store = new DirectoryArtifactStore(root);
        ArtifactStore.Blob blob = store.put(new ByteArrayInputStream("old".getBytes()), 1024);
        Path file = store.path(blob.sha256());
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        Instant cutoff = Instant.now().minus(Duration.ofDays(1));
        store.put(new ByteArrayInputStream("old".getBytes()), 1024);
        assertFalse(store.delete(blob.sha256(), cutoff), "stored again after the cutoff: kept");
        assertTrue(store.exists(blob.sha256()));
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        assertTrue(store.delete(blob.sha256(), cutoff));
        assertFalse(store.exists(blob.sha256()));
        assertFalse(store.delete(blob.sha256(), cutoff), "deleting an absent blob does nothing");
        assertThrows(IllegalArgumentException.class, () -> store.open("../../etc/passwd"));
    }
}
