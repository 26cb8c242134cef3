package org.undersigned;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.data.renderer.ComponentRenderer;

/** Reads grid cells in view tests, for columns that have no key. */
public final class GridCells {

    private GridCells() {}

    /** The text a person sees in a text column. */
    public static <T> String text(Grid<T> grid, T item, int column) {
        return GridKt._getFormatted(grid.getColumns().get(column), item);
    }

    /** The component a component column renders for the item. */
    @SuppressWarnings("unchecked")
    public static <T, C extends Component> C component(Grid<T> grid, T item, int column, Class<C> type) {
        var renderer = (ComponentRenderer<? extends Component, T>)
                grid.getColumns().get(column).getRenderer();
        return type.cast(renderer.createComponent(item));
    }
}
