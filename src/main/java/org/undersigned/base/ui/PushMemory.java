package org.undersigned.base.ui;

import com.vaadin.flow.server.VaadinServlet;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.websocket.server.ServerContainer;
import java.lang.reflect.Field;
import java.util.Collections;
import java.util.Enumeration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.atmosphere.cpr.AtmosphereFramework;
import org.atmosphere.interceptor.HeartbeatInterceptor;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.web.context.ServletContextAware;

/**
 * What one open push connection holds on the server, made small (docs/decisions/0063): every open
 * Vaadin UI keeps a WebSocket, and with the defaults each held about 200 KB of buffers it never
 * fills.
 *
 * <ul>
 *   <li>Atmosphere's {@code WebSocket} allocates a byte and a char buffer of {@code
 *       org.atmosphere.websocket.bufferSize} (Vaadin sets 16384: 48 KB) that it only clears on
 *       close: {@value #ATMOSPHERE_BUFFER}.
 *   <li>Tomcat keeps a message buffer per session as large as the session's maximum message (Vaadin
 *       asks Atmosphere for 16384 chars, a 32 KB {@code char[]}, plus a 16 KB binary one). Pushed
 *       messages go the other way and are not limited by it; the browser sends nothing over the
 *       socket in Vaadin's default transport ({@code WEBSOCKET_XHR}: requests go by XHR), and even
 *       over a WebSocket Vaadin's client splits its messages into fragments of 4095 chars ({@code
 *       PushConstants.WEBSOCKET_FRAGMENT_SIZE}). So: {@value #TEXT_BUFFER} chars and {@value
 *       #BINARY_BUFFER} bytes, for Atmosphere's per-session limits and Tomcat's defaults alike.
 *   <li>Tomcat's own per-session input, output and encoder buffers ({@value
 *       #TOMCAT_BUFFER_PROPERTY}): {@value #TOMCAT_WEBSOCKET_BUFFER} bytes instead of 8192 each;
 *       longer messages go out as several frames.
 *   <li>Tomcat's socket buffers of every connection, a push socket's included: {@value
 *       #SOCKET_BUFFER} bytes each way instead of 8192.
 *   <li>Atmosphere's heartbeat timers are removed from its scheduler when cancelled.
 *   <li>Atmosphere's pool of threads that write to the sockets: at most twice the processors (it
 *       starts threads up to 200 under a broadcast to many UIs, and every thread that has written
 *       to a socket seems to keep a JDK buffer cache: ~25 KB per editor more at 50 editors). The cost: a
 *       write to a socket whose previous write has not completed waits for it, up to {@value
 *       #WRITE_TIMEOUT_MILLIS} ms ({@code org.atmosphere.websocket.writeTimeout}, Atmosphere's
 *       default a minute), holding its thread; as many stalled clients as threads would delay
 *       pushes to everyone by that long (decision 0063).
 *   <li>No permessage-deflate on the push socket: each compressed session keeps a zlib {@code
 *       Deflater} and {@code Inflater} with their windows. Tomcat 11.0 has no switch for the
 *       server side, so the push upgrade request is shown to it without the {@code
 *       Sec-WebSocket-Extensions} header and the browser falls back to plain frames. The pushes
 *       are small UI changes; the page itself is still gzip-compressed.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class PushMemory implements ServletContextAware, SmartInitializingSingleton {

    static final int ATMOSPHERE_BUFFER = 256;
    static final int TEXT_BUFFER = 4096;
    static final int BINARY_BUFFER = 1024;
    /** Tomcat's per-session WebSocket input, output and encoder buffers (8192 each by default). */
    static final int TOMCAT_WEBSOCKET_BUFFER = 2048;

    static final int SOCKET_BUFFER = 4096;
    /**
     * How long a write waits for the previous write to the same socket (Atmosphere: 60 s). The
     * kernel's send buffer absorbs a stalled client's pushes first; when it is full, the writer
     * thread waits this long, then the connection is closed and the client reconnects and
     * resynchronises. With few writer threads, a short wait bounds what a stalled client costs
     * the others.
     */
    static final int WRITE_TIMEOUT_MILLIS = 10_000;

    static final String TOMCAT_BUFFER_PROPERTY = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";
    static final String PUSH_PATH = "/VAADIN/push";
    static final String EXTENSIONS_HEADER = "Sec-WebSocket-Extensions";

    private ServletContext servletContext;

    static int asyncWriteThreads() {
        return Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    }

    /**
     * Atmosphere's settings as init parameters of the Vaadin servlet: Vaadin sets its own values
     * only where the servlet has none.
     */
    @Bean
    static BeanPostProcessor pushMemoryServletParameters() {
        // Tomcat reads it once, when its WebSocket classes load: that is when the web server
        // starts, after the bean post-processors are made. An operator's own value wins.
        if (System.getProperty(TOMCAT_BUFFER_PROPERTY) == null) {
            System.setProperty(TOMCAT_BUFFER_PROPERTY, Integer.toString(TOMCAT_WEBSOCKET_BUFFER));
        }
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof ServletRegistrationBean<?> registration
                        && registration.getServlet() instanceof VaadinServlet) {
                    registration.addInitParameter(
                            "org.atmosphere.websocket.bufferSize", Integer.toString(ATMOSPHERE_BUFFER));
                    registration.addInitParameter(
                            "org.atmosphere.websocket.maxTextMessageSize", Integer.toString(TEXT_BUFFER));
                    registration.addInitParameter(
                            "org.atmosphere.websocket.maxBinaryMessageSize", Integer.toString(BINARY_BUFFER));
                    registration.addInitParameter(
                            "org.atmosphere.cpr.broadcaster.maxAsyncWriteThreads",
                            Integer.toString(asyncWriteThreads()));
                    registration.addInitParameter(
                            "org.atmosphere.websocket.writeTimeout", Integer.toString(WRITE_TIMEOUT_MILLIS));
                }
                return bean;
            }
        };
    }

    /**
     * Tomcat's per-connection socket buffers, held for as long as a push socket is open: 4 KB each
     * way instead of 8 KB. Longer requests and responses take more reads and writes. (Static, as
     * the other early beans here: this class must be made after the servlet context exists.)
     */
    @Bean
    static WebServerFactoryCustomizer<TomcatServletWebServerFactory> pushMemorySocketBuffers() {
        return factory -> factory.addConnectorCustomizers(connector -> {
            connector.setProperty("socket.appReadBufSize", Integer.toString(SOCKET_BUFFER));
            connector.setProperty("socket.appWriteBufSize", Integer.toString(SOCKET_BUFFER));
        });
    }

    /** The push upgrade request without the extensions header: no permessage-deflate. */
    @Bean
    FilterRegistrationBean<Filter> pushWithoutCompression() {
        Filter filter = (request, response, chain) -> {
            if (request instanceof HttpServletRequest http && "websocket".equalsIgnoreCase(http.getHeader("Upgrade"))) {
                chain.doFilter(new WithoutExtensions(http), response);
            } else {
                chain.doFilter(request, response);
            }
        };
        var registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns(PUSH_PATH, PUSH_PATH + "/*");
        registration.setName("pushWithoutCompression");
        registration.setAsyncSupported(true);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Override
    public void setServletContext(ServletContext servletContext) {
        this.servletContext = servletContext;
    }

    /** Tomcat's defaults for new sessions (the buffers are made before Atmosphere's limits are set). */
    @Override
    public void afterSingletonsInstantiated() {
        if (servletContext != null
                && servletContext.getAttribute(ServerContainer.class.getName()) instanceof ServerContainer container) {
            container.setDefaultMaxTextMessageBufferSize(TEXT_BUFFER);
            container.setDefaultMaxBinaryMessageBufferSize(BINARY_BUFFER);
        }
    }

    /**
     * Atmosphere's heartbeat re-arms a timer on every message of a UI and cancels the old one; a
     * cancelled timer stays queued until it would have fired (a minute), so a busy editor held
     * hundreds. They are removed when cancelled. Atmosphere is set up (by Vaadin) once every bean
     * is made; its heartbeat keeps its scheduler in a private field.
     */
    @EventListener(ContextRefreshedEvent.class)
    public void removeCancelledTimers() {
        if (servletContext == null) {
            return;
        }
        for (String name : Collections.list(servletContext.getAttributeNames())) {
            if (servletContext.getAttribute(name) instanceof AtmosphereFramework atmosphere) {
                for (var interceptor : atmosphere.interceptors()) {
                    if (heartbeatScheduler(interceptor) instanceof ScheduledThreadPoolExecutor scheduler) {
                        scheduler.setRemoveOnCancelPolicy(true);
                    }
                }
            }
        }
    }

    /** The scheduler of Atmosphere's heartbeat, if this is it (null when its layout changed). */
    static @Nullable Object heartbeatScheduler(Object interceptor) {
        if (!(interceptor instanceof HeartbeatInterceptor)) {
            return null;
        }
        try {
            Field field = HeartbeatInterceptor.class.getDeclaredField("heartBeat");
            field.setAccessible(true);
            return field.get(interceptor);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LoggerFactory.getLogger(PushMemory.class)
                    .debug("Atmosphere's heartbeat scheduler not found: {}", e.toString());
            return null;
        }
    }

    /** The request as Tomcat's WebSocket upgrade sees it: no extensions offered. */
    static final class WithoutExtensions extends HttpServletRequestWrapper {

        WithoutExtensions(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getHeader(String name) {
            return EXTENSIONS_HEADER.equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return EXTENSIONS_HEADER.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                    .filter(n -> !EXTENSIONS_HEADER.equalsIgnoreCase(n))
                    .toList());
        }
    }
}
