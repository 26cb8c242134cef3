package org.undersigned.base.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import java.util.Map;
import org.undersigned.base.InvalidInputException;
import org.undersigned.base.NotFoundException;
import org.undersigned.base.RefusedException;

/** Puts a service's refusal where the person looks: next to the field, or in a notice. */
public final class Forms {

    private Forms() {}

    /** Clears the error marks of the fields. */
    public static void clear(Map<String, ? extends HasValidation> fields) {
        fields.values().forEach(f -> {
            f.setInvalid(false);
            f.setErrorMessage(null);
        });
    }

    /**
     * Shows each field error next to its field; errors for fields not on the form go into a
     * notice.
     */
    public static void show(InvalidInputException e, Map<String, ? extends HasValidation> fields) {
        clear(fields);
        var unplaced = new StringBuilder();
        e.fieldErrors().forEach((field, message) -> {
            HasValidation f = fields.get(field);
            if (f != null) {
                f.setErrorMessage(message);
                f.setInvalid(true);
            } else {
                unplaced.append(message).append(' ');
            }
        });
        if (!unplaced.isEmpty()) {
            error(unplaced.toString().strip());
        }
    }

    /** Shows a refusal or a "not found" in plain words. */
    public static void show(RuntimeException e) {
        if (e instanceof RefusedException || e instanceof InvalidInputException) {
            error(e.getMessage());
        } else if (e instanceof NotFoundException) {
            error("That no longer exists, or you cannot see it.");
        } else {
            throw e;
        }
    }

    public static void error(String message) {
        var n = Notification.show(message, 6000, Notification.Position.TOP_CENTER);
        n.addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    public static void success(String message) {
        var n = Notification.show(message, 4000, Notification.Position.BOTTOM_START);
        n.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }
}
