package io.opsplane.security.secrets;

/**
 * Master key rotation without downtime. The new key becomes current and the old one stays in the ring as a
 * previous key, so data keys wrapped under either unwrap meanwhile; each wrapped data key is then rewrapped
 * under the current key, and the old key can leave the ring once none remain under it. Sealed values are never
 * re-encrypted: their data keys do not change.
 */
public final class Rotation {

    private Rotation() {
    }

    /**
     * The same data key wrapped under the ring's current master key; {@code wrapped} itself when it already is
     * (after checking it still unwraps), so the caller can skip the write.
     *
     * @throws SecretCryptoException when the master key {@code wrapped} names is not in the ring (the message
     *         names its id), or does not unwrap it
     */
    public static WrappedDataKey rewrap(WrappedDataKey wrapped, KeyRing ring) {
        try (DataKey key = KeyWrapper.unwrap(wrapped, ring)) {
            if (wrapped.masterKeyId().equals(ring.current().keyId())) {
                return wrapped;
            }
            return KeyWrapper.wrap(key, ring.current());
        }
    }
}
