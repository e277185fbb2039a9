// The page around the program (seq2seq-viz.js, emscripten's output): the
// loading indicator, opening a .lesson file from disk (a file input or drag
// and drop), the full-screen button, and the hooks the program calls
// (Module.onLessonReady when a lesson is trained and shown,
// Module.onDownload after S or E). Keys go to the program itself: SDL
// listens on the window and stops the browser's own use of them (F5 does
// not reload, Backspace does not go back) while no text is being typed.
"use strict";

const statusBox = document.getElementById("status");
const statusText = document.getElementById("status-text");
const statusBar = document.querySelector("#bar > div");
const tools = document.getElementById("tools");
const dropZone = document.getElementById("drop");
const canvas = document.getElementById("canvas");

// What a test (or a curious teacher in the console) can read.
const page = { ready: false, lessons: [], downloads: [], errors: [],
               startedAt: performance.now(), readyAt: 0 };
window.seq2seqPage = page;

function showStatus(text, fraction) {
  statusText.textContent = text;
  if (fraction !== undefined)
    statusBar.style.width = Math.round(fraction * 100) + "%";
  statusBox.classList.remove("hidden");
}

let totalDeps = 0;
var Module = {
  canvas: canvas,
  // SDL reads hints from the environment: the browser paces frames itself
  // (requestAnimationFrame), and SDL's vsync request there asks for an
  // emscripten main loop this program does not use (its loop is app.c's).
  // The lessons and the font are preloaded at /lessons and /assets
  // (web/meson.build); the program's own search (src/paths.c) is for
  // installed trees, so the page names them, as the environment override.
  preRun: [() => {
    ENV.SDL_RENDER_VSYNC = "0";
    ENV.S2S_LESSONS_DIR = "/lessons";
    ENV.S2S_ASSETS_DIR = "/assets";
  }],
  print: (text) => console.log(text),
  printErr: (text) => console.error(text),
  setStatus: (text) => { if (text && !page.ready) showStatus(text); },
  monitorRunDependencies: (left) => {
    totalDeps = Math.max(totalDeps, left);
    if (!page.ready)
      showStatus(left ? "Loading seq2seq-viz…" : "Training the model…",
                 totalDeps ? 0.6 * (totalDeps - left) / totalDeps : 0.6);
  },
  onLessonReady: (name, ok) => {
    page.lessons.push({ name: name, ok: ok });
    if (!page.ready && ok) {
      page.ready = true;
      // The trained frame is drawn right after this call returns.
      requestAnimationFrame(() => requestAnimationFrame(() => {
        page.readyAt = performance.now();
        statusBox.classList.add("hidden");
        canvas.focus();
      }));
    }
  },
  onDownload: (name, size) => page.downloads.push({ name: name, size: size }),
  onAbort: (what) => showStatus("seq2seq-viz stopped: " + what),
  onExit: (status) => showStatus(status === 0
      ? "seq2seq-viz has ended (Q). Reload the page to start again."
      : "seq2seq-viz stopped with an error (see the console)."),
};
window.Module = Module;

// A .lesson file from disk: into the in-memory file system, then the
// program opens it as if it had been dropped on its window.
let opened = 0;
function openLessonFile(file) {
  if (!file)
    return;
  if (!/\.lesson$/i.test(file.name)) {
    console.warn("not a .lesson file: " + file.name);
    return;
  }
  file.arrayBuffer().then((buf) => {
    const dir = "/opened/" + (++opened);
    Module.FS.mkdirTree(dir);
    const path = dir + "/" + file.name.replace(/[\/\\]/g, "_");
    Module.FS.writeFile(path, new Uint8Array(buf));
    // The raw export, not ccall: the program's loop is usually asleep in
    // emscripten_sleep (ASYNCIFY), which ccall takes for a call of its own
    // going asynchronous. web_open_lesson itself only queues an event.
    const size = Module.lengthBytesUTF8(path) + 1;
    const ptr = Module._malloc(size);
    Module.stringToUTF8(path, ptr, size);
    Module._web_open_lesson(ptr);
    Module._free(ptr);
    canvas.focus();
  });
}
window.seq2seqOpenLesson = openLessonFile;

document.getElementById("file").addEventListener("change", (e) => {
  openLessonFile(e.target.files[0]);
  e.target.value = "";
});
document.getElementById("full").addEventListener("click", () => {
  if (document.fullscreenElement)
    document.exitFullscreen();
  else
    document.documentElement.requestFullscreen().catch(() => {});
  canvas.focus();
});

// The tools show while the mouse moves and fade after three seconds, so a
// projected picture stays clean.
let hideTimer = 0;
window.addEventListener("mousemove", () => {
  tools.classList.add("shown");
  clearTimeout(hideTimer);
  hideTimer = setTimeout(() => tools.classList.remove("shown"), 3000);
});

window.addEventListener("dragover", (e) => {
  e.preventDefault();
  dropZone.classList.add("shown");
});
window.addEventListener("dragleave", (e) => {
  if (e.target === dropZone || e.target === document.documentElement)
    dropZone.classList.remove("shown");
});
window.addEventListener("drop", (e) => {
  e.preventDefault();
  dropZone.classList.remove("shown");
  if (e.dataTransfer && e.dataTransfer.files.length)
    openLessonFile(e.dataTransfer.files[0]);
});

window.addEventListener("error", (e) => page.errors.push(String(e.message)));
