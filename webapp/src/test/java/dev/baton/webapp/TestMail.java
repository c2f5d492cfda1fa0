package dev.baton.webapp;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The tests' SMTP server: a real one (GreenMail) on a free port, started once per test JVM, which every full-stack
 * test's Baton sends its email to ({@link BatonTest} sets {@code spring.mail.*}). Tests tell their messages apart by
 * recipient: each uses addresses of its own.
 */
public final class TestMail {

    private static final GreenMail SERVER = start();

    private TestMail() {}

    private static GreenMail start() {
        GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return server;
    }

    public static int smtpPort() {
        return SERVER.getSmtp().getPort();
    }

    /** Every message received so far for this address. */
    public static List<MimeMessage> to(String address) {
        return Arrays.stream(SERVER.getReceivedMessages())
                .filter(m -> {
                    try {
                        return Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().contains(address));
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    /** A message's subject. */
    public static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text parts of a message, plain first then HTML. */
    public static List<String> texts(MimeMessage message) {
        List<String> texts = new ArrayList<>();
        try {
            collect(message.getContent(), texts);
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
        return texts;
    }

    private static void collect(Object content, List<String> texts) throws IOException, MessagingException {
        if (content instanceof String text) {
            texts.add(text);
        } else if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                collect(part.getContent(), texts);
            }
        }
    }
}
