"""Each way a web server can fail us, served for real on 127.0.0.1, and what the user is told.

Every test is bounded by short time-outs; none waits on the internet.
"""

from __future__ import annotations

import socket
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import CORPUS, SEED1
from extract.acquire.fetch import FetchSettings, Skip, fetch_all
from extract.acquire.sources import Source, expand

PAGE = (CORPUS / SEED1).read_bytes()


class FaultyHandler(BaseHTTPRequestHandler):
    """One path per fault; the server object keeps what it was asked."""

    def do_GET(self):  # noqa: N802 - http.server's name
        server = self.server
        with server.lock:
            server.hits[self.path] += 1
            server.agents.add(self.headers.get("User-Agent", ""))
            server.in_flight += 1
            server.most_in_flight = max(server.most_in_flight, server.in_flight)
            hits = server.hits[self.path]
        self.counted_in = True
        try:
            self.route(hits)
        finally:
            self.leave()

    def leave(self):
        """A request stops counting as in flight before its answer is written: the client may
        start its next request the moment the body arrives, before this thread runs again."""
        if getattr(self, "counted_in", False):
            self.counted_in = False
            with self.server.lock:
                self.server.in_flight -= 1

    def route(self, hits: int):
        path = self.path
        if path == "/robots.txt" and self.server.robots == "500":
            return self.reply(500)
        if path == "/robots.txt":
            return self.reply(200, self.server.robots.encode(), "text/plain") if self.server.robots else self.reply(404)
        if path.startswith("/page"):
            time.sleep(self.server.page_delay)
            return self.reply(200, PAGE)
        if path == "/status/500":
            return self.reply(500)
        if path == "/busy-once":  # a 503 with a short Retry-After, then the page
            return self.reply(503, headers={"Retry-After": "1"}) if hits == 1 else self.reply(200, PAGE)
        if path == "/busy-for-an-hour":
            return self.reply(429, headers={"Retry-After": "3600"})
        if path == "/loop/a":
            return self.reply(302, headers={"Location": "/loop/b"})
        if path == "/loop/b":
            return self.reply(301, headers={"Location": "/loop/a"})
        if path == "/moved":
            return self.reply(301, headers={"Location": "/page-moved"})
        if path == "/report.pdf":
            return self.reply(200, b"%PDF-1.4 ...", "application/pdf")
        if path == "/huge-declared":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(50_000_000))
            self.end_headers()
            return None
        if path == "/huge-chunked":  # no Content-Length: the cap must hold while reading
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(40):
                self.wfile.write(b"<p>" + b"x" * 4096 + b"</p>")
            return None
        if path == "/trickle":  # a byte at a time, each well inside any per-read time-out
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(40):
                self.wfile.write(b"<")
                self.wfile.flush()
                time.sleep(0.2)
            return None
        return self.reply(404)

    def reply(self, status: int, body: bytes = b"", content_type: str = "text/html; charset=utf-8", headers=None):
        self.leave()
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # noqa: A002
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FaultyHandler)
    httpd.daemon_threads = True
    httpd.lock = threading.Lock()
    httpd.hits, httpd.agents, httpd.robots = Counter(), set(), ""
    httpd.in_flight = httpd.most_in_flight = 0
    httpd.page_delay = 0.0
    httpd.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def silent_url():
    """A port that accepts connections into its backlog and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(200)
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    listener.close()


FAST = FetchSettings(timeout=2, allow_private=True, delay=0.0)


def outcomes(urls, settings=FAST) -> list[Skip | object]:
    return [result for _, result in fetch_all([Source(url, "url") for url in urls], settings)]


def skip_message(url, settings=FAST) -> str:
    [result] = outcomes([url], settings)
    assert isinstance(result, Skip), f"{url} was fetched"
    return result.message


def test_http_500_is_said_plainly_and_not_retried(server):
    assert skip_message(server.base + "/status/500") == "HTTP 500 Internal Server Error"
    assert server.hits["/status/500"] == 1


def test_503_with_a_short_retry_after_is_asked_again_and_fetched(server):
    [fetched] = outcomes([server.base + "/busy-once"])
    assert not isinstance(fetched, Skip), fetched
    assert fetched.data == PAGE
    assert server.hits["/busy-once"] == 2


def test_429_with_a_retry_after_beyond_the_bound_is_not_waited_for(server):
    message = skip_message(server.base + "/busy-for-an-hour")
    assert message.startswith("HTTP 429 Too Many Requests") and "3600 s" in message
    assert server.hits["/busy-for-an-hour"] == 1


def test_redirects_are_followed_and_the_final_url_kept(server):
    [fetched] = outcomes([server.base + "/moved"])
    assert fetched.url == server.base + "/page-moved"
    assert fetched.source.locator == server.base + "/moved"


def test_redirect_loop_is_named(server):
    assert skip_message(server.base + "/loop/a").startswith("redirect loop")


def test_pdf_is_refused_by_its_content_type(server):
    [result] = outcomes([server.base + "/report.pdf"])
    assert (result.reason, result.message) == ("unsupported_type", "content type application/pdf is not supported")


def test_page_declared_over_the_limit_is_not_downloaded(server):
    message = skip_message(server.base + "/huge-declared")
    assert message == "50 MB, over the 20 MB limit"


def test_page_growing_over_the_limit_without_a_length_is_cut_off(server):
    settings = FetchSettings(timeout=5, allow_private=True, delay=0.0, max_bytes=50_000)
    [result] = outcomes([server.base + "/huge-chunked"], settings)
    assert (result.reason, result.message) == ("too_large", "over the 50.0 kB limit")


def test_trickling_page_ends_at_the_deadline_for_the_whole_url(server):
    settings = FetchSettings(timeout=1, allow_private=True, delay=0.0)
    started = time.monotonic()
    assert skip_message(server.base + "/trickle", settings) == "timed out after 1 s"
    assert time.monotonic() - started < 5


def test_refused_connection_is_named():
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    try:
        assert skip_message(f"http://127.0.0.1:{closed.getsockname()[1]}/x.html") == "connection refused"
    finally:
        closed.close()


def test_unknown_host_name_is_named(monkeypatch):
    # the resolver answers as it would for a reserved .invalid name, without a DNS query leaving the machine
    real = socket.getaddrinfo

    def resolve(host, *args, **kwargs):
        if str(host).endswith(".invalid"):
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    assert skip_message("http://medfacts-news.invalid/article.html") == "name not resolved"


def test_private_address_says_how_to_allow_it(server):
    settings = FetchSettings(timeout=2, delay=0.0)
    assert skip_message(server.base + "/page", settings) == "private address (use --allow-private)"
    assert server.hits["/page"] == 0


def test_twenty_urls_to_a_server_that_never_answers_end_quickly(silent_url):
    started = time.monotonic()
    results = outcomes([f"{silent_url}/news/{i}.html" for i in range(20)], FetchSettings(timeout=1, allow_private=True))
    assert time.monotonic() - started < 30
    assert all(isinstance(r, Skip) and "timed out after 1 s" in r.message for r in results)


def test_without_robots_a_dead_host_is_given_up_after_a_few_failures(silent_url):
    settings = FetchSettings(timeout=1, allow_private=True, ignore_robots=True, delay=0.0)
    started = time.monotonic()
    results = outcomes([f"{silent_url}/news/{i}.html" for i in range(20)], settings)
    assert time.monotonic() - started < 30
    messages = [r.message for r in results]
    assert sum(m == "timed out after 1 s" for m in messages) <= 4
    given_up = [m for m in messages if m != "timed out after 1 s"]
    assert len(given_up) >= 16
    assert all(m.startswith("not tried:") and m.endswith("failed 3 times in a row (timed out after 1 s)") for m in given_up)


def test_robots_txt_disallow_is_honoured_and_can_be_overridden(server):
    server.robots = "User-agent: medfacts\nDisallow: /page\n"
    [result] = outcomes([server.base + "/page1.html"])
    assert (result.reason, result.message) == ("robots", "disallowed by robots.txt (use --ignore-robots to override)")
    assert server.hits["/page1.html"] == 0
    [fetched] = outcomes([server.base + "/page1.html"], FetchSettings(timeout=2, allow_private=True, ignore_robots=True))
    assert fetched.data == PAGE


def test_robots_txt_for_other_agents_does_not_stop_us(server):
    server.robots = "User-agent: BadBot\nDisallow: /\n"
    [fetched] = outcomes([server.base + "/page1.html"])
    assert fetched.data == PAGE
    assert server.hits["/robots.txt"] == 1


def test_robots_txt_answering_a_server_error_keeps_us_away_for_now(server):
    server.robots = "500"  # RFC 9309: assume everything is disallowed
    [result] = outcomes([server.base + "/page1.html"])
    assert result.reason == "robots" and result.message.startswith("robots.txt answers HTTP 500")
    assert server.hits["/page1.html"] == 0


def test_user_agent_names_medfacts(server):
    outcomes([server.base + "/page1.html"])
    assert server.agents and all(agent.startswith("medfacts/") for agent in server.agents)


def test_at_most_per_host_requests_at_a_time_and_results_in_input_order(server):
    server.page_delay = 0.2
    urls = [f"{server.base}/page{i}.html" for i in range(8)]
    settings = FetchSettings(timeout=5, allow_private=True, delay=0.0, workers=8, per_host=2)
    results = list(fetch_all([Source(u, "url") for u in urls], settings))
    assert [source.locator for source, _ in results] == urls
    assert all(not isinstance(r, Skip) for _, r in results)
    assert server.most_in_flight == 2


def test_files_and_urls_mix_in_one_batch(server, tmp_path):
    page = tmp_path / "local.html"
    page.write_bytes(PAGE)
    results = list(fetch_all(expand([str(page), server.base + "/status/500"]), FAST))
    assert results[0][1].data == PAGE and results[0][1].kind == "html"
    assert results[1][1].message == "HTTP 500 Internal Server Error"
