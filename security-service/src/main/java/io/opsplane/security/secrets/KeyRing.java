package io.opsplane.security.secrets;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The current master key, which wraps every new data key, and the previous ones, which still unwrap data keys
 * wrapped before a rotation until {@link Rotation#rewrap} has moved them to the current key.
 */
public final class KeyRing {

    private final MasterKey current;
    private final Map<String, MasterKey> byKeyId;

    private KeyRing(MasterKey current, Map<String, MasterKey> byKeyId) {
        this.current = current;
        this.byKeyId = byKeyId;
    }

    /** A ring of {@code current} and {@code previous}; a previous key equal to the current one is ignored. */
    public static KeyRing of(MasterKey current, List<MasterKey> previous) {
        Objects.requireNonNull(current, "current master key");
        Map<String, MasterKey> byKeyId = new LinkedHashMap<>();
        byKeyId.put(current.keyId(), current);
        for (MasterKey key : previous) {
            byKeyId.putIfAbsent(key.keyId(), key);
        }
        return new KeyRing(current, byKeyId);
    }

    public MasterKey current() {
        return current;
    }

    public Optional<MasterKey> find(String keyId) {
        return Optional.ofNullable(byKeyId.get(keyId));
    }

    /** The ids of all keys in the ring, the current one first. */
    public List<String> keyIds() {
        return List.copyOf(byKeyId.keySet());
    }

    /** The key named {@code keyId}, or an error naming it: the operator must add it back to the ring. */
    MasterKey require(String keyId) {
        return find(keyId).orElseThrow(() -> new SecretCryptoException("master key " + keyId
                + " is not in the key ring (it holds " + String.join(", ", keyIds()) + "); keep it among the "
                + "previous master keys until every data key wrapped under it has been rewrapped"));
    }

    @Override
    public String toString() {
        return "KeyRing" + keyIds();
    }
}
