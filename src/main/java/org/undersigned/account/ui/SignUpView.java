package org.undersigned.account.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.undersigned.account.AccountService;
import org.undersigned.account.OrganisationSignUp;
import org.undersigned.base.InvalidInputException;
import org.undersigned.base.ui.Forms;
import org.undersigned.base.ui.PublicPage;

/** Registers an organisation and its first owner. */
@Route(value = "signup", autoLayout = false)
@PageTitle("Register your organisation — Undersigned")
@AnonymousAllowed
public class SignUpView extends PublicPage {

    public SignUpView(AccountService accounts) {
        super(
                "Register your organisation",
                "Organisations on Undersigned draft open letters together and invite others to sign them.");
        addClassName("us-public-wide");
        var name = new TextField("Organisation name");
        var country = new ComboBox<String>("Country");
        country.setItems(Arrays.stream(Locale.getISOCountries())
                .sorted(Comparator.comparing(SignUpView::countryName))
                .toList());
        country.setItemLabelGenerator(SignUpView::countryName);
        var website = new TextField("Website");
        website.setPlaceholder("https://example.org");
        var domains = new TextArea("Email domains the organisation uses");
        domains.setHelperText(
                "For example: example.org, example.net. Signatures from these domains get a stronger verification mark.");
        var ownerName = new TextField("Your name");
        var email = new EmailField("Your email");
        var password = new PasswordField("Password");
        password.setHelperText("At least 12 characters. A few words together are easy to remember.");
        var repeat = new PasswordField("Password, again");
        name.setRequiredIndicatorVisible(true);
        country.setRequiredIndicatorVisible(true);
        ownerName.setRequiredIndicatorVisible(true);
        email.setRequiredIndicatorVisible(true);
        password.setRequiredIndicatorVisible(true);
        repeat.setRequiredIndicatorVisible(true);

        Map<String, HasValidation> fields = new LinkedHashMap<>();
        fields.put("organisationName", name);
        fields.put("country", country);
        fields.put("website", website);
        fields.put("domains", domains);
        fields.put("ownerName", ownerName);
        fields.put("ownerEmail", email);
        fields.put("password", password);
        fields.put("passwordRepeat", repeat);

        var form = new FormLayout();
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("520px", 2));
        var orgHeading = new H2("The organisation");
        var youHeading = new H2("You, its first owner");
        form.add(orgHeading, 2);
        form.add(name, 2);
        form.add(country, website);
        form.add(domains, 2);
        form.add(youHeading, 2);
        form.add(ownerName, email);
        form.add(password, repeat);

        var submit = new Button("Register", e -> {
            try {
                String sentTo = accounts.signUp(new OrganisationSignUp(
                        name.getValue(),
                        country.getValue() == null ? "" : country.getValue(),
                        website.getValue(),
                        domains.getValue(),
                        ownerName.getValue(),
                        email.getValue(),
                        password.getValue(),
                        repeat.getValue()));
                replaceWith(
                        new Paragraph("Thank you. We sent a link to " + sentTo
                                + ". Open it to confirm your address, then sign in."),
                        new Paragraph(
                                "The link works for 48 hours. No mail after a few minutes? Look in your spam folder."),
                        new Anchor("login", "Go to sign-in"));
            } catch (InvalidInputException ex) {
                Forms.show(ex, fields);
            }
        });
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var signIn = new Paragraph("Already registered? ");
        signIn.add(new Anchor("login", "Sign in"));
        signIn.addClassName("us-muted");
        addToCard(form, submit, signIn);
    }

    private static String countryName(String code) {
        return Locale.of("", code).getDisplayCountry(Locale.ENGLISH);
    }
}
