package org.opsmon.monitoring.agent.delivery;

import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.TrustManager;

/**
 * The SSL context of an agent whose server URL is plain {@code http://}. Left without one, the
 * HTTP client builds the JDK default context at start: that loads the whole TLS stack and parses
 * every CA certificate in cacerts, a few MiB of class metadata and heap for connections that are
 * never encrypted. Any attempt to use this context means an https URL slipped past the settings,
 * which is a bug, so it fails loudly instead of falling back.
 */
public final class NoTlsContext extends SSLContext {

    private NoTlsContext() {
        super(new Refusing(), null, "none");
    }

    public static SSLContext create() {
        return new NoTlsContext();
    }

    private static final class Refusing extends SSLContextSpi {

        private static IllegalStateException refused() {
            return new IllegalStateException("TLS is not set up: the server URL is plain http");
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) {
            throw refused();
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            throw refused();
        }
    }
}
