// The app's own message under a field that failed its check (the browser's validation bubble
// speaks the browser's language, not the person's): a shape, then a plain sentence.
export function FieldError({ id, text }: { id: string; text: string }) {
  return (
    <small className="field-error" id={id} role="alert" data-testid={id}>
      <span aria-hidden="true">▲ </span>
      {text}
    </small>
  );
}
