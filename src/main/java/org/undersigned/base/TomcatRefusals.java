package org.undersigned.base;

import java.io.IOException;
import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Replaces Tomcat's error report (its bare "HTTP Status 400" page, used when Tomcat refuses a
 * request before any filter runs: an encoded NUL or slash, invalid UTF-8, a path that climbs out
 * of the root) with {@link PlainErrorPage}: the same fixed text and strict headers as the signing
 * pages. Responses our pages already wrote are left alone.
 */
@Component
class TomcatRefusals implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            Container host = context.getParent();
            for (Valve v : host.getPipeline().getValves()) {
                if (v instanceof ErrorReportValve && !(v instanceof StrictErrorReportValve)) {
                    host.getPipeline().removeValve(v);
                }
            }
            host.getPipeline().addValve(new StrictErrorReportValve());
            // Else the host adds Tomcat's default report at start (it looks for that exact class).
            if (host instanceof org.apache.catalina.core.StandardHost h) {
                h.setErrorReportValveClass(StrictErrorReportValve.class.getName());
            }
        });
    }

    /** After Spring Boot's own customizer, which adds a plain ErrorReportValve. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** Tomcat's error report, with our page and headers instead of Tomcat's. */
    public static final class StrictErrorReportValve extends ErrorReportValve {

        public StrictErrorReportValve() {
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0) {
                return;
            }
            java.util.concurrent.atomic.AtomicBoolean reported = new java.util.concurrent.atomic.AtomicBoolean();
            response.getCoyoteResponse().action(org.apache.coyote.ActionCode.IS_IO_ALLOWED, reported);
            if (!reported.get()) {
                return;
            }
            try {
                PlainErrorPage.write(response, status, request.getRequestURI());
            } catch (IOException | IllegalStateException e) {
                // The client went away or the response was committed meanwhile: nothing to add.
            }
        }
    }
}
