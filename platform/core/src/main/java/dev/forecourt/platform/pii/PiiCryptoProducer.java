package dev.forecourt.platform.pii;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Makes the one {@link PiiCrypto} of an application from {@link PiiConfig}. */
@ApplicationScoped
public class PiiCryptoProducer {

    /** {@code forecourt.pii.keys.dev1} in the shared microprofile-config.properties: development only. */
    static final String DEV_KEY = "tsdUQOKvvIa2RT5JmGSgAjAJCJnzrzEQ9+mAlIhX/ZA=";
    /** {@code forecourt.pii.hash-key} in the shared microprofile-config.properties: development only. */
    static final String DEV_HASH_KEY = "anKRDOFMiKWfPxBHMWsEVfPf38LO5k/58zI0w81iJ+U=";

    private static final Logger LOG = Logger.getLogger(PiiCryptoProducer.class);

    @Produces
    @Singleton
    PiiCrypto piiCrypto(PiiConfig config) {
        Map<String, String> keys = normaliseKeyIds(config.keys());
        String activeKey = config.activeKey() == null ? null : config.activeKey().strip().toLowerCase(Locale.ROOT);
        PiiCrypto crypto = PiiCrypto.fromBase64(keys, activeKey, config.hashKey());
        if (sameKey(keys.get(activeKey), DEV_KEY)) {
            LOG.warnf("Personal data is encrypted with the built-in DEVELOPMENT key (forecourt.pii.keys.%s): "
                    + "set FORECOURT_PII_KEYS_<ID> and FORECOURT_PII_ACTIVE_KEY outside development", activeKey);
        }
        if (sameKey(config.hashKey(), DEV_HASH_KEY)) {
            LOG.warn("Personal data look-up hashes use the built-in DEVELOPMENT hash key (forecourt.pii.hash-key): "
                    + "set FORECOURT_PII_HASH_KEY outside development");
        }
        LOG.debugf("Personal data encryption: active key %s, configured key ids %s", activeKey, keys.keySet());
        return crypto;
    }

    /**
     * Key ids in lower case, whatever case an environment variable name gave them, so that
     * FORECOURT_PII_KEYS_PROD2 and FORECOURT_PII_ACTIVE_KEY=prod2 agree and stored values always
     * carry the same id.
     */
    static Map<String, String> normaliseKeyIds(Map<String, String> configured) {
        Map<String, String> keys = new TreeMap<>();
        if (configured == null) {
            return keys;
        }
        for (Map.Entry<String, String> entry : configured.entrySet()) {
            String id = entry.getKey().strip().toLowerCase(Locale.ROOT);
            String previous = keys.put(id, entry.getValue());
            if (previous != null && !sameKey(previous, entry.getValue())) {
                throw new IllegalArgumentException("PII: key id '" + id + "' is configured twice with different keys");
            }
        }
        return keys;
    }

    /** Whether two base64 values decode to the same bytes (false if either is missing or not base64). */
    static boolean sameKey(String base64, String otherBase64) {
        if (base64 == null || otherBase64 == null) {
            return false;
        }
        try {
            return MessageDigest.isEqual(Base64.getDecoder().decode(base64.strip()),
                    Base64.getDecoder().decode(otherBase64.strip()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
