// A task description as text, with the app's own screens it names (`#/dunning/batches/<id>`) as links: a flow can
// point the assignee to the screen the task is about. Only in-app hash routes become links; the rest stays text.
const APP_LINK = /(#\/[A-Za-z0-9][A-Za-z0-9/_-]*)/;

export function DescriptionText({ text }: { text: string }) {
  return (
    <>
      {text.split(APP_LINK).map((part, i) =>
        i % 2 === 1 ? (
          <a key={i} href={part}>
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </>
  );
}
