/**
 * The signing pages under {@code /sign/}: server-rendered with JTE, no JavaScript, a CSRF token in
 * every form, served by the public filter chain (strict Content-Security-Policy, no referrer). The
 * link's token appears only in {@code /sign/{token}} and its continue form; every later page takes
 * the invitation from the HTTP session.
 */
@NullMarked
package org.undersigned.signing.web;

import org.jspecify.annotations.NullMarked;
