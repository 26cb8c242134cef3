package org.undersigned.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A minimal SMTP server that answers every recipient (or those a predicate picks) with one fixed
 * reply (e.g. "550 5.1.1 No such user"), so that the dispatcher meets the exceptions a real
 * refusal raises in Jakarta Mail; other recipients are accepted. Counts connections and records
 * the recipient of every accepted message. GreenMail accepts every recipient.
 */
final class RefusingSmtpServer implements AutoCloseable {

    private final ServerSocket socket;
    private final String recipientReply;
    private final Predicate<String> refused;
    private final Thread thread;
    private final AtomicInteger connections = new AtomicInteger();
    private final Queue<String> accepted = new ConcurrentLinkedQueue<>();
    private final Queue<Socket> open = new ConcurrentLinkedQueue<>();

    RefusingSmtpServer(int port, String recipientReply) {
        this(port, recipientReply, recipient -> true);
    }

    RefusingSmtpServer(int port, String recipientReply, Predicate<String> refused) {
        this.recipientReply = recipientReply;
        this.refused = refused;
        try {
            socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        thread = Thread.ofVirtual().start(this::serve);
    }

    private void serve() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                connections.incrementAndGet();
                open.add(client);
                Thread.ofVirtual().start(() -> {
                    try (client) {
                        converse(client);
                    } catch (IOException e) {
                        // the client hung up
                    } finally {
                        open.remove(client);
                    }
                });
            } catch (IOException e) {
                // closed: the loop ends
            }
        }
    }

    int connections() {
        return connections.get();
    }

    /** Closes every open connection, as a server does with connections idle too long. */
    void dropConnections() throws IOException {
        for (Socket client; (client = open.poll()) != null; ) {
            client.close();
        }
    }

    List<String> accepted() {
        return List.copyOf(accepted);
    }

    private void converse(Socket client) throws IOException {
        var in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = client.getOutputStream();
        reply(out, "220 refusing.test ESMTP");
        String line;
        String recipient = null;
        while ((line = in.readLine()) != null) {
            String command = line.length() < 4 ? line : line.substring(0, 4).toUpperCase(Locale.ROOT);
            switch (command) {
                case "RCPT" -> {
                    String to = line.substring(line.indexOf(':') + 1).strip().replaceAll("[<>]", "");
                    if (refused.test(to)) {
                        reply(out, recipientReply);
                    } else {
                        recipient = to;
                        reply(out, "250 OK");
                    }
                }
                case "RSET" -> {
                    recipient = null;
                    reply(out, "250 OK");
                }
                case "DATA" -> {
                    if (recipient == null) {
                        reply(out, "503 5.5.1 no valid recipients");
                        continue;
                    }
                    reply(out, "354 go ahead");
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        // swallow the message
                    }
                    accepted.add(recipient);
                    recipient = null;
                    reply(out, "250 accepted");
                }
                case "QUIT" -> {
                    reply(out, "221 bye");
                    return;
                }
                default -> reply(out, "250 OK");
            }
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        socket.close();
        thread.join(5000);
    }
}
