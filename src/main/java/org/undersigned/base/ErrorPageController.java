package org.undersigned.base;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The error page of everything outside Vaadin (the public, server-rendered pages): a status and a
 * sentence, never an exception or a stack trace.
 */
@Controller
class ErrorPageController implements ErrorController {

    @RequestMapping("/error")
    String error(HttpServletRequest request, HttpServletResponse response, Model model) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        // Without an error status this is not an error dispatch but someone opening /error: there
        // is nothing here (it used to answer 500, "something went wrong on our side").
        int status = code instanceof Integer i ? i : 404;
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute(
                "message",
                switch (status) {
                    case 400 -> "The request could not be understood. Please go back and try again.";
                    case 403 ->
                        "This form has expired or was sent from elsewhere. Please go back, reload the page and try again.";
                    case 404 -> "There is nothing here.";
                    case 405 -> "This page cannot be used that way.";
                    case 413 -> "What you sent is too large.";
                    case 429 -> "Too many tries. Please wait a few minutes and try again.";
                    default ->
                        "Something went wrong on our side. Nothing was saved half-way. Please try again in a moment.";
                });
        return "error";
    }
}
