package org.undersigned.security.ui;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.QRCodeWriter;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Code;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.undersigned.account.SecondFactor;
import org.undersigned.base.AppRoles;
import org.undersigned.base.CurrentUser;
import org.undersigned.base.RefusedException;
import org.undersigned.security.SecondFactorStepUp;

/**
 * Administrators connect an authenticator app once, then confirm a code from it in every session
 * before the administration pages open.
 */
@Route("account/second-factor")
@PageTitle("Second factor — Undersigned")
@RolesAllowed({AppRoles.ADMIN_PENDING_SECOND_FACTOR, AppRoles.ADMIN})
public class SecondFactorView extends Main {

    public SecondFactorView(SecondFactor secondFactor, SecondFactorStepUp stepUp) {
        addClassName("us-page");
        add(new H1("Second factor"));
        if (CurrentUser.isAdmin()) {
            add(new Paragraph(
                    "Your second factor is confirmed for this session. The administration pages are open to you."));
            return;
        }
        var card = new Div();
        card.addClassName("us-card");
        if (!secondFactor.enrolled()) {
            var enrolment = secondFactor.startEnrolment();
            card.add(
                    new Paragraph(
                            "Administrators must use a second factor. Scan this code with an authenticator app"
                                    + " (such as Aegis, FreeOTP or Google Authenticator), then enter the six-digit code it shows."),
                    qr(enrolment.otpauthUri()),
                    new Paragraph("Cannot scan? Enter this key in the app instead:"));
            var key = new Code(enrolment.secretBase32());
            key.addClassName("us-secret");
            key.setId("totp-secret");
            card.add(key);
        } else {
            card.add(new Paragraph("Enter the six-digit code from your authenticator app."));
        }
        var code = new TextField("Code");
        code.setId("totp-code");
        code.setMaxLength(7);
        code.setPattern("[0-9 ]*");
        code.setAutofocus(true);
        code.getElement().setAttribute("autocomplete", "one-time-code");
        code.getElement().setAttribute("inputmode", "numeric");
        var confirm = new Button("Confirm", e -> {
            try {
                if (stepUp.confirm(code.getValue())) {
                    getUI().ifPresent(ui -> ui.getPage().setLocation("admin/organisations"));
                } else {
                    code.setInvalid(true);
                    code.setErrorMessage(
                            "That code is not right. Codes change every 30 seconds: enter the one shown now.");
                }
            } catch (RefusedException ex) {
                code.setInvalid(true);
                code.setErrorMessage(ex.getMessage());
            }
        });
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        confirm.addClickShortcut(Key.ENTER);
        card.add(code, confirm);
        add(card, new Paragraph(new Anchor("", "Not now")));
    }

    private static Image qr(String uri) {
        try {
            var matrix = new QRCodeWriter().encode(uri, BarcodeFormat.QR_CODE, 0, 0);
            int size = matrix.getWidth();
            var svg = new StringBuilder("<svg xmlns='http://www.w3.org/2000/svg' viewBox='-4 -4 ")
                    .append(size + 8)
                    .append(' ')
                    .append(size + 8)
                    .append(
                            "' shape-rendering='crispEdges'><rect x='-4' y='-4' width='100%' height='100%' fill='#fff'/><path fill='#000' d='");
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    if (matrix.get(x, y)) {
                        svg.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
                    }
                }
            }
            svg.append("'/></svg>");
            var image = new Image(
                    "data:image/svg+xml;base64,"
                            + Base64.getEncoder().encodeToString(svg.toString().getBytes(StandardCharsets.UTF_8)),
                    "QR code for the authenticator app");
            image.addClassName("us-qr");
            return image;
        } catch (WriterException e) {
            throw new IllegalStateException(e);
        }
    }
}
