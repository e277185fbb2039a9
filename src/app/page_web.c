/* The page's calls into the program (the browser build only): the page
 * writes a .lesson file the teacher opened from disk into the in-memory
 * file system and calls web_open_lesson with its path; the window then
 * trains and shows it as if the file had been dropped on it. */
#include <SDL.h>
#include <emscripten.h>

/* Returns 1 when the request is queued, 0 when SDL's queue refused it. */
EMSCRIPTEN_KEEPALIVE int web_open_lesson(const char *path)
{
    SDL_Event ev;
    SDL_zero(ev);
    ev.type = SDL_DROPFILE;
    ev.drop.file = SDL_strdup(path); /* freed by the event's handler */
    if (!ev.drop.file)
        return 0;
    if (SDL_PushEvent(&ev) != 1) {
        SDL_free(ev.drop.file);
        return 0;
    }
    return 1;
}
