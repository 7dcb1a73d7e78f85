package dev.handoff.daemon.web.html;

/** A refusal as a browser sees it: the status, and the problem's detail in the user's words. */
public record ErrorModel(int status, String title, String detail) {}
