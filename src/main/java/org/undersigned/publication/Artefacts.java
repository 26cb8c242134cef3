package org.undersigned.publication;

/** The four files of a publication, rendered together and stored together. */
record Artefacts(byte[] page, byte[] pdf, byte[] text, byte[] manifest) {}
