using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class OrderCapturePerformance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_OrderLog_StoreId_Status_OrderNumber",
                table: "OrderLog");

            migrationBuilder.CreateIndex(
                name: "IX_PendingOrders_Status",
                table: "PendingOrders",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_OrderLog_OrganizationId_StoreId_Status_OrderNumber",
                table: "OrderLog",
                columns: new[] { "OrganizationId", "StoreId", "Status", "OrderNumber" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PendingOrders_Status",
                table: "PendingOrders");

            migrationBuilder.DropIndex(
                name: "IX_OrderLog_OrganizationId_StoreId_Status_OrderNumber",
                table: "OrderLog");

            migrationBuilder.CreateIndex(
                name: "IX_OrderLog_StoreId_Status_OrderNumber",
                table: "OrderLog",
                columns: new[] { "StoreId", "Status", "OrderNumber" });
        }
    }
}
