package org.undersigned.e2e;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.undersigned.Application;
import org.undersigned.TestDatabase;

/**
 * The whole application on a real port, on an empty database of its own in the shared test
 * PostgreSQL, with its log captured so a journey can read what an operator reads (the first
 * administrator's link).
 */
public final class RunningApp implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final int port;

    public RunningApp(Map<String, String> extra) {
        port = freePort();
        log.start();
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("server.port", port);
        props.put("spring.datasource.url", TestDatabase.newDatabase());
        props.put("spring.datasource.username", "postgres");
        props.put("undersigned.base-url", baseUrl());
        props.put("undersigned.mail.poll-millis", "200");
        props.put("vaadin.devmode.devTools.enabled", "false");
        try {
            props.put(
                    "undersigned.key-directory",
                    Files.createTempDirectory("undersigned-e2e-keys").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        props.putAll(extra);
        String[] args = props.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        context = new SpringApplicationBuilder(Application.class)
                // Spring Boot sets logging up anew at start: attach the capture right after that.
                .listeners(event -> {
                    if (event instanceof ApplicationPreparedEvent) {
                        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(log);
                    }
                })
                .run(args);
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** Every formatted log line so far. */
    public List<String> logLines() {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Override
    public void close() {
        context.close();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(log);
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
