// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { focusSkipTarget, SkipLink, SkipTargetProvider, useSkipTarget } from './SkipLink.js';

/** A page with a canvas (a focusable, non-tab-stop element) that sets itself as the target. */
function CanvasPage() {
  useSkipTarget('the-canvas');
  return <div id="the-canvas" tabIndex={-1} data-testid="canvas" />;
}

/** The shell: the link first, then a page with or without a canvas. */
function Shell() {
  const [canvas, setCanvas] = useState(true);
  return (
    <SkipTargetProvider>
      <SkipLink />
      <button type="button" onClick={() => setCanvas((was) => !was)}>
        Toggle page
      </button>
      {canvas ? <CanvasPage /> : <p>No canvas</p>}
    </SkipTargetProvider>
  );
}

afterEach(cleanup);

describe('SkipLink', () => {
  it('is the first element on a page with a canvas and moves the focus to it', () => {
    const { container } = render(<Shell />);
    const link = screen.getByRole('link', { name: 'Skip to canvas' });
    expect(container.firstElementChild).toBe(link);
    expect(link.getAttribute('href')).toBe('#the-canvas');
    fireEvent.click(link);
    expect(document.activeElement).toBe(screen.getByTestId('canvas'));
  });

  it('is gone on a page without a canvas', () => {
    render(<Shell />);
    fireEvent.click(screen.getByRole('button', { name: 'Toggle page' }));
    expect(screen.queryByRole('link', { name: 'Skip to canvas' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Toggle page' }));
    expect(screen.getByRole('link', { name: 'Skip to canvas' })).toBeTruthy();
  });

  it('focusSkipTarget reports whether the element took the focus', () => {
    render(<Shell />);
    expect(focusSkipTarget(document, 'the-canvas')).toBe(true);
    expect(focusSkipTarget(document, 'missing')).toBe(false);
  });
});
