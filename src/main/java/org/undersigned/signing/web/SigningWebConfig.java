package org.undersigned.signing.web;

import gg.jte.TemplateEngine;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.undersigned.signing.SigningFlow;

/** Registers the signing pages' servlet at {@code /sign/*}, beside Spring MVC's dispatcher. */
@Configuration(proxyBeanMethods = false)
class SigningWebConfig {

    @Bean
    ServletRegistrationBean<SigningServlet> signingServlet(SigningFlow flow, TemplateEngine templates) {
        var registration = new ServletRegistrationBean<>(new SigningServlet(flow, templates), "/sign/*");
        registration.setName("signing");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
