import java.io.BufferedReader;
import java.io.FileWriter;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A local SMTP server for the bench and fault scripts: accepts every message and appends one line
 * per message to a file before it answers 250 — epoch ms, the X-Undersigned-Outbox-Id header, the
 * Message-ID header, the recipient — so a script can count deliveries, duplicates and losses.
 * JDK only: {@code java bench/SmtpSink.java PORT RECORD-FILE}. Not for anything but tests.
 */
public class SmtpSink {

    static PrintWriter record;

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        record = new PrintWriter(new FileWriter(args[1], StandardCharsets.UTF_8, true), false);
        try (var server = new ServerSocket()) {
            server.setReuseAddress(true);
            server.bind(new java.net.InetSocketAddress("127.0.0.1", port), 200);
            System.out.println("smtp sink listening on " + port);
            System.out.flush();
            while (true) {
                Socket s = server.accept();
                Thread.ofVirtual().start(() -> serve(s));
            }
        }
    }

    static void serve(Socket socket) {
        try (socket;
                var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                OutputStream out = socket.getOutputStream()) {
            say(out, "220 sink ESMTP");
            String rcpt = "";
            String line;
            while ((line = in.readLine()) != null) {
                String cmd = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line.toUpperCase(Locale.ROOT);
                switch (cmd) {
                    case "EHLO" -> say(out, "250-sink\r\n250-8BITMIME\r\n250 SMTPUTF8");
                    case "HELO" -> say(out, "250 sink");
                    case "MAIL" -> {
                        rcpt = "";
                        say(out, "250 OK");
                    }
                    case "RCPT" -> {
                        rcpt = line.replaceAll("(?i)^RCPT TO:\\s*<?([^>]*)>?.*$", "$1");
                        say(out, "250 OK");
                    }
                    case "DATA" -> {
                        say(out, "354 go ahead");
                        String outboxId = "-";
                        String messageId = "-";
                        boolean headers = true;
                        String l;
                        while ((l = in.readLine()) != null && !l.equals(".")) {
                            if (headers) {
                                if (l.isEmpty()) {
                                    headers = false;
                                } else if (l.regionMatches(true, 0, "X-Undersigned-Outbox-Id:", 0, 24)) {
                                    outboxId = l.substring(24).strip();
                                } else if (l.regionMatches(true, 0, "Message-ID:", 0, 11)) {
                                    messageId = l.substring(11).strip();
                                }
                            }
                        }
                        synchronized (SmtpSink.class) {
                            record.println(System.currentTimeMillis() + "\t" + outboxId + "\t" + messageId + "\t" + rcpt);
                            record.flush();
                        }
                        say(out, "250 OK queued");
                    }
                    case "QUIT" -> {
                        say(out, "221 bye");
                        return;
                    }
                    default -> say(out, "250 OK");
                }
            }
        } catch (Exception e) {
            // a client that went away mid-conversation: nothing recorded for an unfinished DATA
        }
    }

    static void say(OutputStream out, String s) throws java.io.IOException {
        out.write((s + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
