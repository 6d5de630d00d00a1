#define _GNU_SOURCE
#include "ccurl.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct prism_curl {
    CURL *easy;
    struct curl_slist *headers;
    char error[CURL_ERROR_SIZE];
    void *context;
    prism_curl_header_fn on_header;
    prism_curl_data_fn on_data;
    atomic_int cancelled;
    /// Set by the progress callback when it aborts for a timeout: one of the outcomes.
    prism_curl_outcome expired;
    /// Set when the data callback asked to stop.
    int stopped;
    long idle_timeout_ms;
    long first_byte_timeout_ms;
    /// Whether any byte of the response (a header line) has arrived.
    int responding;
    /// Monotonic milliseconds when perform started, and when the request began to be sent (0 until then).
    long long started_ms;
    long long sent_ms;
    /// Monotonic milliseconds of the last byte received or sent.
    long long last_activity_ms;
    curl_off_t last_upload;
};

static pthread_once_t global_once = PTHREAD_ONCE_INIT;

static void global_init(void) {
    curl_global_init(CURL_GLOBAL_DEFAULT);
}

static long long now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static size_t header_callback(char *buffer, size_t size, size_t count, void *user) {
    prism_curl *request = user;
    size_t length = size * count;
    if (atomic_load_explicit(&request->cancelled, memory_order_relaxed)) return 0;
    request->last_activity_ms = now_ms();
    request->responding = 1;
    if (request->on_header) request->on_header(request->context, buffer, length);
    return length;
}

static size_t write_callback(char *buffer, size_t size, size_t count, void *user) {
    prism_curl *request = user;
    size_t length = size * count;
    if (atomic_load_explicit(&request->cancelled, memory_order_relaxed)) return 0;
    request->last_activity_ms = now_ms();
    if (request->on_data && request->on_data(request->context, buffer, length) != 0) {
        request->stopped = 1;
        return 0; // libcurl ends the transfer with a write error and closes the connection
    }
    return length;
}

// Called on data and at least once a second while idle: the cancel and timeout checks.
//
// The connect timeout is libcurl's own (CURLOPT_CONNECTTIMEOUT_MS). Until the response
// starts, the first-byte timeout counts from the moment the request began to be sent (or
// from the last body byte sent, so a slow upload is not mistaken for a silent server);
// after that, the idle timeout counts from the last byte received.
static int progress_callback(void *user, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow) {
    (void)dltotal;
    (void)dlnow;
    (void)ultotal;
    prism_curl *request = user;
    if (atomic_load_explicit(&request->cancelled, memory_order_relaxed)) return 1;
    long long now = now_ms();
    if (ulnow != request->last_upload) {
        request->last_upload = ulnow;
        request->last_activity_ms = now;
    }
    if (!request->responding) {
        if (request->first_byte_timeout_ms <= 0) return 0;
        if (request->sent_ms == 0) {
            // Connected and about to send: libcurl has stamped the pre-transfer time (µs since start).
            curl_off_t pretransfer = 0;
            if (curl_easy_getinfo(request->easy, CURLINFO_PRETRANSFER_TIME_T, &pretransfer) != CURLE_OK || pretransfer <= 0) {
                return 0;
            }
            request->sent_ms = request->started_ms + pretransfer / 1000;
        }
        long long since = request->sent_ms > request->last_activity_ms ? request->sent_ms : request->last_activity_ms;
        if (now - since > request->first_byte_timeout_ms) {
            request->expired = PRISM_CURL_FIRST_BYTE_TIMED_OUT;
            return 1;
        }
        return 0;
    }
    if (request->idle_timeout_ms > 0 && now - request->last_activity_ms > request->idle_timeout_ms) {
        request->expired = PRISM_CURL_TIMED_OUT;
        return 1;
    }
    return 0;
}

prism_curl *prism_curl_create(const char *method, const char *url, long connect_timeout_ms,
                              long first_byte_timeout_ms, long idle_timeout_ms) {
    pthread_once(&global_once, global_init);
    prism_curl *request = calloc(1, sizeof *request);
    if (!request) return NULL;
    request->easy = curl_easy_init();
    if (!request->easy) {
        free(request);
        return NULL;
    }
    atomic_init(&request->cancelled, 0);
    request->idle_timeout_ms = idle_timeout_ms;
    request->first_byte_timeout_ms = first_byte_timeout_ms;
    CURL *easy = request->easy;
    curl_easy_setopt(easy, CURLOPT_URL, url);
    if (strcmp(method, "GET") == 0) {
        curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
    } else if (strcmp(method, "POST") != 0) {
        curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, method);
    }
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, request->error);
    // 0 would mean libcurl's default of 300 s, not "none".
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, connect_timeout_ms > 0 ? connect_timeout_ms : 24L * 3600 * 1000);
    curl_easy_setopt(easy, CURLOPT_TCP_KEEPALIVE, 1L);
    // Never follow a redirect: the Authorization header must not travel to another host.
    // The 3xx response is handed over as it is, and the client reports where it pointed.
    curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(easy, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, header_callback);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, request);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, write_callback);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, request);
    curl_easy_setopt(easy, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(easy, CURLOPT_XFERINFOFUNCTION, progress_callback);
    curl_easy_setopt(easy, CURLOPT_XFERINFODATA, request);
    // No "Expect: 100-continue" wait before sending a large body.
    prism_curl_add_header(request, "Expect:");
    return request;
}

int prism_curl_add_header(prism_curl *request, const char *line) {
    struct curl_slist *list = curl_slist_append(request->headers, line);
    if (!list) return -1;
    request->headers = list;
    return 0;
}

void prism_curl_set_body(prism_curl *request, const void *bytes, size_t length) {
    curl_easy_setopt(request->easy, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)length);
    curl_easy_setopt(request->easy, CURLOPT_COPYPOSTFIELDS, length ? bytes : "");
}

void prism_curl_set_callbacks(prism_curl *request, void *context, prism_curl_header_fn on_header, prism_curl_data_fn on_data) {
    request->context = context;
    request->on_header = on_header;
    request->on_data = on_data;
}

static prism_curl_outcome classify(const prism_curl *request, CURLcode code) {
    if (atomic_load(&request->cancelled)) return PRISM_CURL_CANCELLED;
    if (request->stopped) return PRISM_CURL_STOPPED;
    if (request->expired != PRISM_CURL_OK) return request->expired;
    switch (code) {
    case CURLE_OK:
        return PRISM_CURL_OK;
    case CURLE_OPERATION_TIMEDOUT:
        // No overall CURLOPT_TIMEOUT is set, so only the connect timeout produces this.
        return PRISM_CURL_CONNECT_TIMED_OUT;
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
        return PRISM_CURL_CONNECT_FAILED;
    case CURLE_PARTIAL_FILE:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
        return PRISM_CURL_CONNECTION_LOST;
    default:
        return PRISM_CURL_OTHER;
    }
}

prism_curl_outcome prism_curl_perform(prism_curl *request) {
    curl_easy_setopt(request->easy, CURLOPT_HTTPHEADER, request->headers);
    // Named so its CPU shows apart in /proc and top -H (it inherits its creator's name).
    pthread_setname_np(pthread_self(), "prism.curl");
    request->started_ms = now_ms();
    request->last_activity_ms = request->started_ms;
    if (atomic_load(&request->cancelled)) return PRISM_CURL_CANCELLED;
    CURLcode code = curl_easy_perform(request->easy);
    if (code != CURLE_OK && request->error[0] == '\0') {
        strncpy(request->error, curl_easy_strerror(code), CURL_ERROR_SIZE - 1);
    }
    return classify(request, code);
}

void prism_curl_cancel(prism_curl *request) {
    atomic_store(&request->cancelled, 1);
}

const char *prism_curl_error_message(const prism_curl *request) {
    return request->error;
}

void prism_curl_destroy(prism_curl *request) {
    if (!request) return;
    curl_easy_cleanup(request->easy);
    curl_slist_free_all(request->headers);
    free(request);
}
