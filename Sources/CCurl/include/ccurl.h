#ifndef PRISM_CCURL_H
#define PRISM_CCURL_H

// A tiny, non-variadic API over libcurl's easy interface, for CurlTransport.
//
// Swift cannot call the variadic curl_easy_setopt, and the transport needs only
// one shape of request, so the options live here and Swift sees no curl types.

#include <stddef.h>

/// One HTTP exchange: options, callbacks, and the result once performed.
typedef struct prism_curl prism_curl;

/// Receives one header line as curl delivers it (status lines and the blank line included).
typedef void (*prism_curl_header_fn)(void *context, const char *line, size_t length);
/// Receives body bytes as they arrive; returns 0 to go on, anything else to stop the
/// transfer there (the reader has all it needs): the connection is closed and
/// prism_curl_perform reports PRISM_CURL_STOPPED.
typedef int (*prism_curl_data_fn)(void *context, const char *bytes, size_t length);

/// How an exchange ended, classified the way the transport reports errors.
typedef enum prism_curl_outcome {
    PRISM_CURL_OK = 0,
    /// Could not connect (refused, DNS, TLS handshake, ...).
    PRISM_CURL_CONNECT_FAILED = 1,
    /// The connection broke after it was made.
    PRISM_CURL_CONNECTION_LOST = 2,
    /// No bytes for longer than the idle timeout, once the response had started.
    PRISM_CURL_TIMED_OUT = 3,
    /// prism_curl_cancel was called.
    PRISM_CURL_CANCELLED = 4,
    /// Anything else libcurl reports.
    PRISM_CURL_OTHER = 5,
    /// The TCP and TLS handshakes did not finish within the connect timeout.
    PRISM_CURL_CONNECT_TIMED_OUT = 6,
    /// The request was sent but no response began within the first-byte timeout.
    PRISM_CURL_FIRST_BYTE_TIMED_OUT = 7,
    /// The data callback asked to stop: a clean end as far as the caller is concerned.
    PRISM_CURL_STOPPED = 8,
} prism_curl_outcome;

/// Creates an exchange; NULL if libcurl cannot. Timeouts are in milliseconds, 0 for none:
/// connect (TCP and TLS), first byte (from the request being sent, or the last byte of its
/// body, to the first byte of the response) and idle (without a byte once the response began).
prism_curl *prism_curl_create(const char *method, const char *url, long connect_timeout_ms,
                              long first_byte_timeout_ms, long idle_timeout_ms);
/// Adds a request header line ("Name: value"); returns 0 on success.
int prism_curl_add_header(prism_curl *request, const char *line);
/// Sets the request body (copied).
void prism_curl_set_body(prism_curl *request, const void *bytes, size_t length);
/// Sets the callbacks, called on the thread that runs prism_curl_perform.
void prism_curl_set_callbacks(prism_curl *request, void *context, prism_curl_header_fn on_header, prism_curl_data_fn on_data);
/// Runs the exchange to its end, blocking the calling thread (it waits in poll; renames the thread "prism.curl").
prism_curl_outcome prism_curl_perform(prism_curl *request);
/// Makes a running or future perform stop soon (at the next data or progress tick); any thread.
void prism_curl_cancel(prism_curl *request);
/// libcurl's description of how the exchange failed ("" when it did not).
const char *prism_curl_error_message(const prism_curl *request);
/// Frees the exchange (after perform has returned).
void prism_curl_destroy(prism_curl *request);

#endif
