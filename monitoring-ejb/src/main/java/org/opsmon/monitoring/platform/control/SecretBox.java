package org.opsmon.monitoring.platform.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.opsmon.monitoring.identity.control.PrivateFile;

/**
 * Seals secrets the server must be able to read back (an SMTP password, a webhook's token, an
 * SNMP community) before they are stored: AES-256-GCM, a fresh 96-bit nonce per value, and the
 * value's purpose as associated data, so a sealed value copied into another column does not
 * open. A database dump or backup alone therefore reveals none of them.
 *
 * <p>The key is MONITORING_SECRET_KEY when configured (any text of at least 32 characters,
 * hashed to 256 bits, so several servers on one database can share it), otherwise 256 random
 * bits kept in {@code secret.key} in the data directory, created readable only by the server's
 * user. Losing that file makes the stored secrets unreadable: they must then be entered again.
 */
@ApplicationScoped
public class SecretBox {

    public static final String KEY_FILE = "secret.key";
    static final int MIN_CONFIGURED_KEY_LENGTH = 32;
    private static final String FORMAT = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Logger LOG = Logger.getLogger(SecretBox.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    @ConfigProperty(name = "monitoring.secret.key")
    Optional<String> configuredKey;

    @Inject
    @ConfigProperty(name = "monitoring.data.dir", defaultValue = "data")
    String dataDir;

    private SecretKey key;

    public SecretBox() {
    }

    /** A box with a given key, for code outside the container. */
    public SecretBox(byte[] key) {
        this.key = aesKey(key);
    }

    @PostConstruct
    void loadKey() {
        Optional<String> configured = configuredKey == null ? Optional.empty()
                : configuredKey.filter(k -> !k.isBlank());
        if (configured.isPresent()) {
            if (configured.get().length() < MIN_CONFIGURED_KEY_LENGTH) {
                throw new IllegalStateException("MONITORING_SECRET_KEY must be at least " + MIN_CONFIGURED_KEY_LENGTH
                        + " characters long");
            }
            key = aesKey(sha256(configured.get().getBytes(StandardCharsets.UTF_8)));
            return;
        }
        key = aesKey(keyFile(Path.of(dataDir, KEY_FILE).toAbsolutePath()));
    }

    /** The key kept in {@code file}, created with fresh random bits when there is none yet. */
    static byte[] keyFile(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                RANDOM.nextBytes(fresh);
                PrivateFile.write(file, Base64.getEncoder().encodeToString(fresh) + "\n");
                LOG.info(() -> "Created the key that seals stored secrets: " + file
                        + " (readable only by this user; keep it with the database's backups)");
            }
            byte[] key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
            if (key.length != 32) {
                throw new IllegalStateException(file + " does not hold a 256-bit key");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("The key that seals stored secrets cannot be read or created at " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + " does not hold a base64 key", e);
        }
    }

    /** {@code plain} sealed for {@code purpose} (e.g. {@code notification_channel.secrets}): printable text. */
    public String seal(String purpose, String plain) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return FORMAT + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
        }
    }

    /**
     * The plain text of a value sealed for {@code purpose}. Fails with {@link SecretUnreadable}
     * when the value was sealed with another key or for another purpose, or was altered.
     */
    public String open(String purpose, String sealed) {
        if (sealed == null || !sealed.startsWith(FORMAT)) {
            throw new SecretUnreadable("the stored secret is not in a known format");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed.substring(FORMAT.length()));
        } catch (IllegalArgumentException e) {
            throw new SecretUnreadable("the stored secret is not valid base64");
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new SecretUnreadable("the stored secret is truncated");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new SecretUnreadable("the stored secret does not open with this server's key"
                    + " (was MONITORING_SECRET_KEY or " + KEY_FILE + " changed?); enter it again");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
        }
    }

    private static SecretKey aesKey(byte[] bytes) {
        if (bytes.length != 32) {
            throw new IllegalArgumentException("A 256-bit key is required");
        }
        return new SecretKeySpec(bytes, "AES");
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A stored secret that cannot be opened; its message says why and never contains the value. */
    public static final class SecretUnreadable extends RuntimeException {

        public SecretUnreadable(String message) {
            super(message, null, false, false);
        }
    }
}
