package dev.forecourt.platform.pii;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Encryption at rest for personal data (phone, ID number, email): AES-GCM keyed by
 * configuration, with the key id inside every value so keys can rotate, and a keyed hash
 * (HMAC-SHA256) to store beside it for exact look-ups and de-duplication.
 *
 * <p>Envelope layout of {@link #seal}: {@code [1 byte format version = 1][1 byte key-id length n]
 * [n bytes key id, ASCII][12 bytes nonce][ciphertext + 16 byte tag]}. The context (for example
 * {@code "customer.phone"}) is the GCM additional authenticated data: a value copied into another
 * column does not open there.
 *
 * <p>Rotation: configure a new key id and make it active; values sealed under older ids still
 * open as long as those ids stay configured. A rotation job finds values with
 * {@code !isActiveKey(envelope)} and reseals them.
 *
 * <p>Thread-safe. The {@link Cipher}, {@link Mac} and {@link SecureRandom} are kept per thread
 * (cheap for a fixed pool of platform threads; each new thread, virtual ones included, pays
 * for creating its own once).
 * Nonces are random (96 bits): keep well under 2^32 seals per key, i.e. rotate long before that.
 */
public final class PiiCrypto {

    /** Format version written as the first byte of every envelope. */
    public static final int FORMAT_VERSION = 1;

    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final String HMAC = "HmacSHA256";
    private static final int NONCE_LENGTH = 12;
    private static final int TAG_BITS = 128;
    private static final int TAG_LENGTH = TAG_BITS / 8;
    private static final int MIN_HASH_KEY_LENGTH = 32;
    private static final int MAX_KEY_ID_LENGTH = 255;

    /** Key ids as ASCII bytes, index-aligned with {@link #secretKeys}: few keys, a linear scan is fastest. */
    private final byte[][] keyIds;
    private final SecretKeySpec[] secretKeys;
    private final int activeIndex;
    private final String activeKeyId;
    /** Envelope prefix for the active key: version, id length, id. */
    private final byte[] activeHeader;

    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(PiiCrypto::newCipher);
    private final ThreadLocal<Mac> macs;
    private final ThreadLocal<NonceSource> nonces = ThreadLocal.withInitial(NonceSource::new);

    /**
     * @param keys        AES keys (16, 24 or 32 bytes; 32 for AES-256) by key id; ids are printable
     *                    ASCII without spaces, at most 255 characters
     * @param activeKeyId the id of the key new values are sealed with; must be one of {@code keys}
     * @param hashKey     HMAC-SHA256 key for {@link #hash}, at least 32 bytes
     * @throws IllegalArgumentException if any of that does not hold
     */
    public PiiCrypto(Map<String, byte[]> keys, String activeKeyId, byte[] hashKey) {
        if (keys == null || keys.isEmpty()) {
            throw new IllegalArgumentException("PII: no encryption keys configured");
        }
        if (activeKeyId == null || activeKeyId.isEmpty()) {
            throw new IllegalArgumentException("PII: no active key id configured");
        }
        if (!keys.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("PII: active key id '" + activeKeyId
                    + "' is not among the configured key ids " + keys.keySet());
        }
        if (hashKey == null || hashKey.length < MIN_HASH_KEY_LENGTH) {
            throw new IllegalArgumentException("PII: the hash key must be at least " + MIN_HASH_KEY_LENGTH
                    + " bytes, got " + (hashKey == null ? "none" : hashKey.length + " bytes"));
        }
        int n = keys.size();
        this.keyIds = new byte[n][];
        this.secretKeys = new SecretKeySpec[n];
        int active = -1;
        int i = 0;
        for (Map.Entry<String, byte[]> entry : keys.entrySet()) {
            String id = entry.getKey();
            validateKeyId(id);
            byte[] key = entry.getValue();
            if (key == null || (key.length != 16 && key.length != 24 && key.length != 32)) {
                throw new IllegalArgumentException("PII: key '" + id + "' must be 16, 24 or 32 bytes (32 for AES-256), got "
                        + (key == null ? "none" : key.length + " bytes"));
            }
            keyIds[i] = id.getBytes(StandardCharsets.US_ASCII);
            secretKeys[i] = new SecretKeySpec(key, "AES"); // copies the key
            if (id.equals(activeKeyId)) {
                active = i;
            }
            i++;
        }
        this.activeIndex = active;
        this.activeKeyId = activeKeyId;
        byte[] activeId = keyIds[active];
        this.activeHeader = new byte[2 + activeId.length];
        activeHeader[0] = (byte) FORMAT_VERSION;
        activeHeader[1] = (byte) activeId.length;
        System.arraycopy(activeId, 0, activeHeader, 2, activeId.length);

        SecretKeySpec macKey = new SecretKeySpec(hashKey, HMAC); // copies the key
        this.macs = ThreadLocal.withInitial(() -> newMac(macKey));
        newMac(macKey); // fail now, not on first use, if the platform lacks HmacSHA256
        newCipher();
    }

    /**
     * Convenience for configuration: keys and hash key in (standard) base64.
     *
     * @throws IllegalArgumentException on a value that is not base64, or as the constructor
     */
    public static PiiCrypto fromBase64(Map<String, String> keysBase64, String activeKeyId, String hashKeyBase64) {
        if (keysBase64 == null) {
            throw new IllegalArgumentException("PII: no encryption keys configured");
        }
        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : keysBase64.entrySet()) {
            keys.put(entry.getKey(), decodeBase64(entry.getValue(), "key '" + entry.getKey() + "'"));
        }
        return new PiiCrypto(keys, activeKeyId, decodeBase64(hashKeyBase64, "hash key"));
    }

    /** The id of the key that {@link #seal} uses. */
    public String activeKeyId() {
        return activeKeyId;
    }

    /**
     * Encrypts {@code plaintext} under the active key, bound to {@code context} (e.g. {@code "customer.phone"}).
     * Two seals of the same value differ (fresh random nonce).
     *
     * @return the envelope, or null for null
     */
    public byte[] seal(String plaintext, String context) {
        Objects.requireNonNull(context, "context");
        if (plaintext == null) {
            return null;
        }
        byte[] input = plaintext.getBytes(StandardCharsets.UTF_8);
        byte[] aad = context.getBytes(StandardCharsets.UTF_8);
        int headerLength = activeHeader.length;
        byte[] out = new byte[headerLength + NONCE_LENGTH + input.length + TAG_LENGTH];
        System.arraycopy(activeHeader, 0, out, 0, headerLength);
        nonces.get().next(out, headerLength);
        Cipher cipher = ciphers.get();
        try {
            cipher.init(Cipher.ENCRYPT_MODE, secretKeys[activeIndex],
                    new GCMParameterSpec(TAG_BITS, out, headerLength, NONCE_LENGTH));
            cipher.updateAAD(aad);
            cipher.doFinal(input, 0, input.length, out, headerLength + NONCE_LENGTH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PII: encryption failed", e);
        }
        return out;
    }

    /**
     * Decrypts an envelope made by {@link #seal} with the same {@code context}, under whichever
     * configured key it names.
     *
     * @return the plaintext, or null for null
     * @throws UnreadableException on an unknown key id, a malformed envelope, or a failed tag check
     *                             (tampered value, or a different context)
     */
    public String open(byte[] envelope, String context) {
        Objects.requireNonNull(context, "context");
        if (envelope == null) {
            return null;
        }
        int idLength = checkFormat(envelope);
        int keyIndex = indexOfKey(envelope, idLength);
        if (keyIndex < 0) {
            throw new UnreadableException("PII: value sealed under unknown key id '" + keyIdOf(envelope)
                    + "' (configured: " + configuredKeyIds() + ")");
        }
        int nonceOffset = 2 + idLength;
        int dataOffset = nonceOffset + NONCE_LENGTH;
        byte[] aad = context.getBytes(StandardCharsets.UTF_8);
        Cipher cipher = ciphers.get();
        byte[] plain;
        try {
            cipher.init(Cipher.DECRYPT_MODE, secretKeys[keyIndex],
                    new GCMParameterSpec(TAG_BITS, envelope, nonceOffset, NONCE_LENGTH));
            cipher.updateAAD(aad);
            plain = cipher.doFinal(envelope, dataOffset, envelope.length - dataOffset);
        } catch (AEADBadTagException e) {
            throw new UnreadableException("PII: value failed its integrity check (tampered, or read as '"
                    + context + "' but sealed for another context)", e);
        } catch (GeneralSecurityException e) {
            throw new UnreadableException("PII: value could not be decrypted", e);
        }
        return new String(plain, StandardCharsets.UTF_8);
    }

    /**
     * The key id an envelope was sealed under (without decrypting it).
     *
     * @return the key id, or null for null
     * @throws UnreadableException if the envelope is malformed
     */
    public static String keyIdOf(byte[] envelope) {
        if (envelope == null) {
            return null;
        }
        int idLength = checkFormat(envelope);
        return new String(envelope, 2, idLength, StandardCharsets.US_ASCII);
    }

    /**
     * The first bytes of every envelope sealed now (format version and active key id): a value
     * that does not start with them was sealed under an older key ({@link Resealer} finds those in SQL).
     */
    public byte[] activeHeader() {
        return activeHeader.clone();
    }

    /**
     * Whether an envelope was sealed under the active key: false means a rotation job should
     * reseal it. False for null.
     *
     * @throws UnreadableException if the envelope is malformed
     */
    public boolean isActiveKey(byte[] envelope) {
        if (envelope == null) {
            return false;
        }
        int idLength = checkFormat(envelope);
        byte[] active = keyIds[activeIndex];
        return Arrays.equals(envelope, 2, 2 + idLength, active, 0, active.length);
    }

    /**
     * Keyed hash (HMAC-SHA256, 32 bytes) of {@code context + ":" + normalisedValue}: deterministic,
     * for exact look-up and de-duplication. Normalise the value first (e.g. E.164 phone, upper-case
     * ID number, lower-case email) so equal values hash equal.
     *
     * @return the hash, or null for null
     */
    public byte[] hash(String normalisedValue, String context) {
        Objects.requireNonNull(context, "context");
        if (normalisedValue == null) {
            return null;
        }
        Mac mac = macs.get();
        mac.update(context.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) ':');
        mac.update(normalisedValue.getBytes(StandardCharsets.UTF_8));
        return mac.doFinal(); // also resets the Mac for the next call
    }

    @Override
    public String toString() {
        return "PiiCrypto[activeKeyId=" + activeKeyId + ", keyIds=" + configuredKeyIds() + "]";
    }

    /** Checks version and lengths; returns the key id length. */
    private static int checkFormat(byte[] envelope) {
        if (envelope.length < 2) {
            throw new UnreadableException("PII: value too short to be an envelope (" + envelope.length + " bytes)");
        }
        int version = envelope[0] & 0xff;
        if (version != FORMAT_VERSION) {
            throw new UnreadableException("PII: unknown envelope format version " + version);
        }
        int idLength = envelope[1] & 0xff;
        if (idLength == 0) {
            throw new UnreadableException("PII: envelope has an empty key id");
        }
        if (envelope.length < 2 + idLength + NONCE_LENGTH + TAG_LENGTH) {
            throw new UnreadableException("PII: envelope truncated (" + envelope.length + " bytes)");
        }
        return idLength;
    }

    private int indexOfKey(byte[] envelope, int idLength) {
        for (int i = 0; i < keyIds.length; i++) {
            byte[] id = keyIds[i];
            if (Arrays.equals(envelope, 2, 2 + idLength, id, 0, id.length)) {
                return i;
            }
        }
        return -1;
    }

    private List<String> configuredKeyIds() {
        List<String> ids = new ArrayList<>(keyIds.length);
        for (byte[] id : keyIds) {
            ids.add(new String(id, StandardCharsets.US_ASCII));
        }
        return ids;
    }

    private static void validateKeyId(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_KEY_ID_LENGTH) {
            throw new IllegalArgumentException("PII: key ids must be 1 to " + MAX_KEY_ID_LENGTH + " characters, got '" + id + "'");
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c <= ' ' || c > '~') {
                throw new IllegalArgumentException("PII: key id '" + id + "' must be printable ASCII without spaces");
            }
        }
    }

    private static byte[] decodeBase64(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("PII: " + what + " is not configured");
        }
        try {
            return Base64.getDecoder().decode(value.strip());
        } catch (IllegalArgumentException e) {
            // never echo the value: it is key material
            throw new IllegalArgumentException("PII: " + what + " is not valid base64");
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance(CIPHER);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PII: " + CIPHER + " is not available", e);
        }
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PII: " + HMAC + " is not available", e);
        }
    }

    /**
     * Random nonces for one thread: its own DRBG (no lock shared between threads, unlike the
     * default NativePRNG), drawn 64 nonces at a time because a SecureRandom call costs far more
     * than the bytes it returns. Nonces are not secret; each is handed out once.
     */
    private static final class NonceSource {
        private static final int BATCH = 64;

        private final SecureRandom random = newRandom();
        private final byte[] pool = new byte[NONCE_LENGTH * BATCH];
        private int position = pool.length;

        void next(byte[] target, int offset) {
            if (position == pool.length) {
                random.nextBytes(pool);
                position = 0;
            }
            System.arraycopy(pool, position, target, offset, NONCE_LENGTH);
            position += NONCE_LENGTH;
        }

        private static SecureRandom newRandom() {
            try {
                return SecureRandom.getInstance("DRBG");
            } catch (NoSuchAlgorithmException e) {
                return new SecureRandom();
            }
        }
    }

    /** A stored value that cannot be read: unknown key id, malformed, tampered or read in the wrong context. */
    public static class UnreadableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UnreadableException(String message) {
            super(message);
        }

        public UnreadableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
