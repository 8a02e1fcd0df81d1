package dev.forecourt.platform.pii;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PiiCryptoTest {

    private static final String PHONE = "customer.phone";

    private static byte[] bytes(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (seed * 31 + i * 7);
        }
        return b;
    }

    private static final byte[] KEY_1 = bytes(32, 1);
    private static final byte[] KEY_2 = bytes(32, 2);
    private static final byte[] HASH_KEY = bytes(32, 3);

    private static PiiCrypto crypto(Map<String, byte[]> keys, String active) {
        return new PiiCrypto(keys, active, HASH_KEY);
    }

    private static final PiiCrypto CRYPTO = crypto(Map.of("k1", KEY_1), "k1");

    @Test
    void sealedValuesOpenAgainIncludingChineseText() {
        for (String value : List.of("13812345678", "张三丰 北京市朝阳区建国路88号", "zhang.san@example.com", "", "😀 emoji")) {
            byte[] sealed = CRYPTO.seal(value, PHONE);
            assertEquals(value, CRYPTO.open(sealed, PHONE));
        }
    }

    @Test
    void envelopeHasTheDocumentedLayout() {
        byte[] sealed = CRYPTO.seal("abc", PHONE);
        assertEquals(1, sealed[0]);
        assertEquals(2, sealed[1]);
        assertEquals("k1", new String(sealed, 2, 2, StandardCharsets.US_ASCII));
        assertEquals(1 + 1 + 2 + 12 + 3 + 16, sealed.length);
    }

    @Test
    void nullIsPassedThrough() {
        assertNull(CRYPTO.seal(null, PHONE));
        assertNull(CRYPTO.open(null, PHONE));
        assertNull(CRYPTO.hash(null, PHONE));
        assertNull(PiiCrypto.keyIdOf(null));
        assertFalse(CRYPTO.isActiveKey(null));
    }

    @Test
    void twoSealsOfTheSameValueDiffer() {
        byte[] a = CRYPTO.seal("13812345678", PHONE);
        byte[] b = CRYPTO.seal("13812345678", PHONE);
        assertFalse(Arrays.equals(a, b));
        assertEquals("13812345678", CRYPTO.open(a, PHONE));
        assertEquals("13812345678", CRYPTO.open(b, PHONE));
    }

    @Test
    void anyTamperedByteIsRefused() {
        byte[] sealed = CRYPTO.seal("13812345678", PHONE);
        // every byte after the key id: nonce, ciphertext and tag
        for (int i = 4; i < sealed.length; i++) {
            byte[] tampered = sealed.clone();
            tampered[i] ^= 0x01;
            assertThrows(PiiCrypto.UnreadableException.class, () -> CRYPTO.open(tampered, PHONE), "byte " + i);
        }
    }

    @Test
    void aValueDoesNotOpenInAnotherContext() {
        byte[] sealed = CRYPTO.seal("13812345678", PHONE);
        assertThrows(PiiCrypto.UnreadableException.class, () -> CRYPTO.open(sealed, "customer.email"));
    }

    @Test
    void malformedEnvelopesAreUnreadable() {
        byte[] sealed = CRYPTO.seal("13812345678", PHONE);
        byte[] badVersion = sealed.clone();
        badVersion[0] = 2;
        assertThrows(PiiCrypto.UnreadableException.class, () -> CRYPTO.open(badVersion, PHONE));
        assertThrows(PiiCrypto.UnreadableException.class, () -> CRYPTO.open(new byte[0], PHONE));
        assertThrows(PiiCrypto.UnreadableException.class, () -> CRYPTO.open(new byte[] {1, 2, 'k', '1'}, PHONE));
        assertThrows(PiiCrypto.UnreadableException.class, () -> CRYPTO.open(Arrays.copyOf(sealed, 20), PHONE));
        byte[] zeroId = sealed.clone();
        zeroId[1] = 0;
        assertThrows(PiiCrypto.UnreadableException.class, () -> CRYPTO.open(zeroId, PHONE));
        assertThrows(PiiCrypto.UnreadableException.class, () -> PiiCrypto.keyIdOf(new byte[] {9}));
    }

    @Test
    void valuesSealedUnderAnOldKeyStillOpenAfterRotation() {
        PiiCrypto before = crypto(Map.of("k1", KEY_1), "k1");
        byte[] old = before.seal("110101199001011234", "customer.id-number");

        Map<String, byte[]> keys = new LinkedHashMap<>();
        keys.put("k1", KEY_1);
        keys.put("k2", KEY_2);
        PiiCrypto after = crypto(keys, "k2");

        assertEquals("k2", after.activeKeyId());
        assertEquals("110101199001011234", after.open(old, "customer.id-number"));
        assertEquals("k1", PiiCrypto.keyIdOf(old));
        assertFalse(after.isActiveKey(old));
        assertTrue(before.isActiveKey(old));

        byte[] resealed = after.seal(after.open(old, "customer.id-number"), "customer.id-number");
        assertEquals("k2", PiiCrypto.keyIdOf(resealed));
        assertTrue(after.isActiveKey(resealed));
        assertEquals("110101199001011234", after.open(resealed, "customer.id-number"));
    }

    @Test
    void aValueUnderAnUnknownKeyIdIsUnreadable() {
        byte[] sealed = crypto(Map.of("k2", KEY_2), "k2").seal("13812345678", PHONE);
        PiiCrypto.UnreadableException e = assertThrows(PiiCrypto.UnreadableException.class, () -> CRYPTO.open(sealed, PHONE));
        assertTrue(e.getMessage().contains("k2"), e.getMessage());
    }

    @Test
    void theSameKeyIdWithAnotherKeyIsUnreadable() {
        byte[] sealed = crypto(Map.of("k1", KEY_2), "k1").seal("13812345678", PHONE);
        assertThrows(PiiCrypto.UnreadableException.class, () -> CRYPTO.open(sealed, PHONE));
    }

    @Test
    void hashIsDeterministicAndDiffersByContextAndByHashKey() {
        byte[] h1 = CRYPTO.hash("+8613812345678", PHONE);
        assertEquals(32, h1.length);
        assertArrayEquals(h1, CRYPTO.hash("+8613812345678", PHONE));
        // another instance with the same hash key (but another encryption key) agrees
        assertArrayEquals(h1, new PiiCrypto(Map.of("x", KEY_2), "x", HASH_KEY).hash("+8613812345678", PHONE));

        assertFalse(Arrays.equals(h1, CRYPTO.hash("+8613812345678", "customer.contact-phone")));
        assertFalse(Arrays.equals(h1, CRYPTO.hash("+8613812345679", PHONE)));
        assertFalse(Arrays.equals(h1, new PiiCrypto(Map.of("k1", KEY_1), "k1", bytes(32, 4)).hash("+8613812345678", PHONE)));
    }

    @Test
    void hashIsHmacSha256OverContextColonValue() throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(HASH_KEY, "HmacSHA256"));
        byte[] expected = mac.doFinal("customer.phone:13812345678".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(expected, CRYPTO.hash("13812345678", PHONE));
    }

    @Test
    void ciphertextDoesNotContainThePlaintext() {
        String value = "zhang.san.unique.marker@example.com";
        byte[] plain = value.getBytes(StandardCharsets.UTF_8);
        byte[] sealed = CRYPTO.seal(value, "customer.email");
        // not the whole value, and not any 8-byte run of it
        for (int j = 0; j + 8 <= plain.length; j++) {
            assertEquals(-1, indexOf(sealed, Arrays.copyOfRange(plain, j, j + 8)), "plaintext bytes at " + j);
        }
        assertEquals(-1, indexOf(sealed, plain));
    }

    @Test
    void badConfigurationIsRefusedWithAClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PiiCrypto(Map.of("k1", KEY_1), "k9", HASH_KEY));
        assertTrue(e.getMessage().contains("k9"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new PiiCrypto(Map.of("k1", bytes(20, 1)), "k1", HASH_KEY));
        assertTrue(e.getMessage().contains("16, 24 or 32"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new PiiCrypto(Map.of("k1", KEY_1), "k1", bytes(16, 1)));
        assertTrue(e.getMessage().contains("hash key"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PiiCrypto(Map.of(), "k1", HASH_KEY));
        assertThrows(IllegalArgumentException.class, () -> new PiiCrypto(Map.of("k 1", KEY_1), "k 1", HASH_KEY));
        assertThrows(IllegalArgumentException.class, () -> new PiiCrypto(Map.of("k1", KEY_1), null, HASH_KEY));
        // 16 and 24 byte AES keys are accepted
        assertEquals("a", new PiiCrypto(Map.of("a", bytes(16, 1), "b", bytes(24, 1)), "a", HASH_KEY).activeKeyId());
    }

    @Test
    void fromBase64DecodesKeysAndRefusesBadBase64WithoutEchoingIt() {
        Base64.Encoder b64 = Base64.getEncoder();
        PiiCrypto fromConfig = PiiCrypto.fromBase64(Map.of("k1", b64.encodeToString(KEY_1)), "k1", b64.encodeToString(HASH_KEY));
        assertEquals("13812345678", CRYPTO.open(fromConfig.seal("13812345678", PHONE), PHONE));
        assertArrayEquals(CRYPTO.hash("x", PHONE), fromConfig.hash("x", PHONE));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PiiCrypto.fromBase64(Map.of("k1", "not*base64!"), "k1", b64.encodeToString(HASH_KEY)));
        assertTrue(e.getMessage().contains("k1"), e.getMessage());
        assertFalse(e.getMessage().contains("not*base64!"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> PiiCrypto.fromBase64(Map.of("k1", b64.encodeToString(KEY_1)), "k1", null));
    }

    @Test
    void theSharedConfigurationHasUsableDevelopmentKeysThatTheProducerRecognises() throws Exception {
        Properties config = new Properties();
        try (InputStream in = PiiCryptoTest.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
            assertNotNull(in, "META-INF/microprofile-config.properties on the class path");
            config.load(in);
        }
        String active = config.getProperty("forecourt.pii.active-key");
        String key = config.getProperty("forecourt.pii.keys." + active);
        String hashKey = config.getProperty("forecourt.pii.hash-key");
        assertEquals(PiiCryptoProducer.DEV_KEY, key);
        assertEquals(PiiCryptoProducer.DEV_HASH_KEY, hashKey);
        assertEquals(32, Base64.getDecoder().decode(key).length);

        PiiCrypto dev = PiiCrypto.fromBase64(Map.of(active, key), active, hashKey);
        assertEquals("13812345678", dev.open(dev.seal("13812345678", PHONE), PHONE));
        assertTrue(PiiCryptoProducer.sameKey(" " + key + "\n", PiiCryptoProducer.DEV_KEY));
        assertFalse(PiiCryptoProducer.sameKey(Base64.getEncoder().encodeToString(KEY_1), PiiCryptoProducer.DEV_KEY));
    }

    @Test
    void theProducerLowerCasesKeyIdsFromEnvironmentVariables() {
        assertEquals(Map.of("prod2", "a2V5", "dev1", "ZGV2"),
                PiiCryptoProducer.normaliseKeyIds(Map.of("PROD2", "a2V5", "dev1", "ZGV2")));
        assertThrows(IllegalArgumentException.class,
                () -> PiiCryptoProducer.normaliseKeyIds(Map.of("PROD2", "a2V5", "prod2", "ZGV2")));
    }

    @Test
    void isSafeToUseFromManyThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Set<String> nonces = ConcurrentHashMap.newKeySet();
            List<Future<?>> futures = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        String value = "1380000" + thread + String.format("%03d", i % 1000);
                        byte[] sealed = CRYPTO.seal(value, PHONE);
                        nonces.add(Base64.getEncoder().encodeToString(Arrays.copyOfRange(sealed, 4, 16)));
                        assertEquals(value, CRYPTO.open(sealed, PHONE));
                        assertArrayEquals(CRYPTO.hash(value, PHONE), CRYPTO.hash(value, PHONE));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            assertEquals(8_000, nonces.size(), "every seal used a fresh nonce");
        } finally {
            pool.shutdownNow();
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
