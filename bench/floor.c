/* The floor talint is measured against: parse every input with libyaml's event API and do
 * nothing else. Single-threaded, as plain as it gets. Usage: floor FILE... (prints the event
 * count so the work cannot be optimised away). */
#include <stdio.h>
#include <stdlib.h>
#include <yaml.h>

static long parse_file(const char *path) {
  FILE *file = fopen(path, "rb");
  if (!file) { perror(path); return 0; }
  yaml_parser_t parser;
  yaml_event_t event;
  long events = 0;
  yaml_parser_initialize(&parser);
  yaml_parser_set_input_file(&parser, file);
  for (;;) {
    if (!yaml_parser_parse(&parser, &event)) break;
    int done = event.type == YAML_STREAM_END_EVENT;
    yaml_event_delete(&event);
    events++;
    if (done) break;
  }
  yaml_parser_delete(&parser);
  fclose(file);
  return events;
}

int main(int argc, char **argv) {
  long events = 0;
  for (int i = 1; i < argc; i++) events += parse_file(argv[i]);
  printf("%ld events\n", events);
  return 0;
}
