import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Properties;

/**
 * The reference for bench/mail-outbox.sh: N messages of the outbox's shape (text + HTML
 * alternative, the same sizes) sent in a plain loop with Jakarta Mail, one connection per message
 * as Spring's JavaMailSenderImpl opens for each send. Prints messages per second.
 * {@code java -cp <mail jars> bench/RawMailLoop.java HOST PORT N}
 */
public class RawMailLoop {
    public static void main(String[] args) throws Exception {
        var props = new Properties();
        props.put("mail.smtp.host", args[0]);
        props.put("mail.smtp.port", args[1]);
        int n = Integer.parseInt(args[2]);
        Session session = Session.getInstance(props);
        String text = "A plain-text body of a realistic length. ".repeat(30);
        String html = "<p>" + "An HTML body of a realistic length. ".repeat(30) + "</p>";
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            var m = new MimeMessage(session);
            m.setFrom(new InternetAddress("no-reply@undersigned.localhost", "Undersigned", "UTF-8"));
            m.setRecipient(Message.RecipientType.TO, new InternetAddress("raw" + i + "@sink.example.org"));
            m.setSubject("Bench mail " + i, "UTF-8");
            var alt = new MimeMultipart("alternative");
            var t = new MimeBodyPart();
            t.setText(text, "UTF-8");
            var h = new MimeBodyPart();
            h.setContent(html, "text/html; charset=UTF-8");
            alt.addBodyPart(t);
            alt.addBodyPart(h);
            m.setContent(alt);
            m.setHeader("X-Undersigned-Outbox-Id", "raw-" + i);
            Transport.send(m);
        }
        double s = (System.nanoTime() - start) / 1e9;
        System.out.printf("raw %d messages in %.2f s = %.1f/s%n", n, s, n / s);
    }
}
